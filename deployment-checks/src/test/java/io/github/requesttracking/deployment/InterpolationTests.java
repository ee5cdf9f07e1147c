package io.github.requesttracking.deployment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InterpolationTests {

	private final Interpolation interpolation = new Interpolation(Map.of("SET", "value", "EMPTY", ""));

	@Test
	void substitutesVariablesAndDefaultsAsComposeDoes() {
		assertThat(this.interpolation.interpolate("${SET} $SET ${MISSING}")).isEqualTo("value value ");
		assertThat(this.interpolation.interpolate("${MISSING:-fallback} ${EMPTY:-fallback} ${EMPTY-fallback}"))
			.isEqualTo("fallback fallback ");
	}

	@Test
	void keepsEscapedDollarSignsForTheContainer() {
		assertThat(this.interpolation.interpolate("pg_isready -U $${POSTGRES_USER}"))
			.isEqualTo("pg_isready -U ${POSTGRES_USER}");
		assertThat(Interpolation.references("$${POSTGRES_USER} ${SET}")).containsExactly("SET");
	}

	@Test
	void failsOnAMissingRequiredVariableWithItsMessage() {
		assertThat(this.interpolation.interpolate("${SET:?needed}")).isEqualTo("value");
		assertThatIllegalArgumentException().isThrownBy(() -> this.interpolation.interpolate("${EMPTY:?set EMPTY}"))
			.withMessageContaining("set EMPTY");
		assertThat(this.interpolation.interpolate("${EMPTY?set EMPTY}")).isEmpty();
	}

	@Test
	void interpolatesEveryStringOfAParsedTree() {
		Object tree = ComposeFile.parse("""
				services:
				  app:
				    environment:
				      A: ${SET}
				    ports: ["127.0.0.1:${MISSING:-8080}:8080"]
				""");

		assertThat(this.interpolation.apply(tree)).isEqualTo(Map.of("services",
				Map.of("app", Map.of("environment", Map.of("A", "value"), "ports", List.of("127.0.0.1:8080:8080")))));
	}

	@Test
	void listsExpressionsWithTheirOperators() {
		assertThat(Interpolation.expressions("${A:?message} ${B:-} ${C}")).containsExactly(
				new Interpolation.Expression("A", ":?", "message"), new Interpolation.Expression("B", ":-", ""),
				new Interpolation.Expression("C", "", ""));
	}

}

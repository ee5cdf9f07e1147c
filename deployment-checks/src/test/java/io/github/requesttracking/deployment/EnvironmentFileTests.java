package io.github.requesttracking.deployment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class EnvironmentFileTests {

	@Test
	void readsValuesAndTheCommentsDirectlyAboveThem() {
		EnvironmentFile file = EnvironmentFile.parse("""
				# about the database
				DB_USER=tracking

				# LOCAL DEVELOPMENT DEFAULT: change it.
				DB_PASSWORD="dev-only-secret"
				EMPTY=
				""");

		assertThat(file.values()).containsExactly(entry("DB_USER", "tracking"), entry("DB_PASSWORD", "dev-only-secret"),
				entry("EMPTY", ""));
		assertThat(file.commentsAbove("DB_PASSWORD")).containsExactly("# LOCAL DEVELOPMENT DEFAULT: change it.");
		assertThat(file.commentsAbove("EMPTY")).isEmpty();
	}

	@Test
	void rejectsALineThatIsNotAnAssignment() {
		assertThatIllegalArgumentException().isThrownBy(() -> EnvironmentFile.parse("export DB_USER"))
			.withMessageContaining("export DB_USER");
	}

}

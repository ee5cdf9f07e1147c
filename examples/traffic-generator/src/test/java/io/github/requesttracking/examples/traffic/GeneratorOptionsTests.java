package io.github.requesttracking.examples.traffic;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GeneratorOptionsTests {

	@Test
	void defaultsTargetTheLocalExamplesWithABoundedRun() {
		GeneratorOptions options = GeneratorOptions.parse(new String[0], Map.of());

		assertThat(options.usersUrl()).hasToString("http://127.0.0.1:8081");
		assertThat(options.notesUrl()).hasToString("http://127.0.0.1:8082");
		assertThat(options.requests()).isEqualTo(600);
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(120));
		assertThat(options.summary()).isTrue();
	}

	@Test
	void readsOptionsInBothForms() {
		GeneratorOptions options = GeneratorOptions.parse(new String[] { "--requests=50", "--rate", "5",
				"--users-url=http://localhost:9081/", "--notes-url", "http://[::1]:9082", "--no-summary" }, Map.of());

		assertThat(options.requests()).isEqualTo(50);
		assertThat(options.rate()).isEqualTo(5);
		assertThat(options.usersUrl()).hasToString("http://localhost:9081");
		assertThat(options.notesUrl()).hasToString("http://[::1]:9082");
		assertThat(options.summary()).isFalse();
	}

	@Test
	void takesTheDatabaseCredentialsFromTheEnvironment() {
		GeneratorOptions options = GeneratorOptions.parse(new String[0],
				Map.of("TRAFFIC_DB_USER", "tracking", "TRAFFIC_DB_PASSWORD", "secret", "PGPASSWORD", "other"));

		assertThat(options.databaseUser()).isEqualTo("tracking");
		assertThat(options.databasePassword()).isEqualTo("secret");
	}

	@Test
	void refusesServicesBeyondThisMachine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GeneratorOptions.parse(new String[] { "--users-url=http://example.com:8081" }, Map.of()))
			.withMessageContaining("--users-url")
			.withMessageContaining("example.com");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GeneratorOptions.parse(new String[] { "--notes-url=http://10.0.0.5:8082" }, Map.of()))
			.withMessageContaining("10.0.0.5");
	}

	@Test
	void refusesRunsBeyondTheBounds() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GeneratorOptions.parse(new String[] { "--requests=20001" }, Map.of()))
			.withMessageContaining("--requests must be between 1 and 20000");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GeneratorOptions.parse(new String[] { "--duration=601" }, Map.of()))
			.withMessageContaining("--duration");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GeneratorOptions.parse(new String[] { "--bot-share=1.5" }, Map.of()))
			.withMessageContaining("--bot-share");
	}

	@Test
	void refusesUnknownOptions() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GeneratorOptions.parse(new String[] { "--request=5" }, Map.of()))
			.withMessage("Unknown option(s): --request");
	}

}

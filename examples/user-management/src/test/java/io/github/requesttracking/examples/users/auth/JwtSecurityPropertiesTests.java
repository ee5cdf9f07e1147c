package io.github.requesttracking.examples.users.auth;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwtSecurityPropertiesTests {

	@Test
	void rejectsASecretShorterThan32Bytes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JwtSecurityProperties("too short", Duration.ofHours(1)))
			.withMessageContaining("EXAMPLES_SECURITY_JWT_SECRET");
	}

	@Test
	void neverShowsTheSecretInItsDescription() {
		JwtSecurityProperties properties = new JwtSecurityProperties("a".repeat(32), Duration.ofMinutes(5));

		assertThat(properties.toString()).doesNotContain("aaaa").contains("PT5M");
	}

}

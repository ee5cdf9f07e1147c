package io.github.requesttracking.examples.users.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TokenIssuerTests {

	private static final Instant NOW = Instant.now();

	private final JwtSecurityProperties properties = new JwtSecurityProperties("k".repeat(32), Duration.ofMinutes(15));

	private final TokenIssuer issuer = new TokenIssuer(
			new NimbusJwtEncoder(new ImmutableSecret<>(this.properties.signingKey())), this.properties,
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void issuesATokenForTheUserIdThatExpiresAfterTheConfiguredLifetime() {
		UUID userId = UUID.randomUUID();

		Jwt jwt = decoder(this.properties).decode(this.issuer.issue(userId));

		assertThat(jwt.getSubject()).isEqualTo(userId.toString());
		assertThat(jwt.getClaimAsString("iss")).isEqualTo(JwtSecurityProperties.ISSUER);
		assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS));
		assertThat(jwt.getHeaders()).containsEntry("alg", "HS256");
	}

	@Test
	void issuesTokensThatAnotherKeyDoesNotAccept() {
		String token = this.issuer.issue(UUID.randomUUID());
		JwtSecurityProperties otherKey = new JwtSecurityProperties("o".repeat(32), Duration.ofMinutes(15));

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder(otherKey).decode(token));
	}

	@Test
	void issuesTokensThatAreRejectedOnceExpired() {
		TokenIssuer past = new TokenIssuer(new NimbusJwtEncoder(new ImmutableSecret<>(this.properties.signingKey())),
				this.properties, Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC));

		String token = past.issue(UUID.randomUUID());

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder(this.properties).decode(token))
			.withMessageContaining("expired");
	}

	private static NimbusJwtDecoder decoder(JwtSecurityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(properties.signingKey())
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(JwtSecurityProperties.ISSUER));
		return decoder;
	}

}

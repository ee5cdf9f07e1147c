package io.github.requesttracking.examples.notes.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Verification of the tokens issued by the user management example.
 *
 * @param jwtSecret shared HMAC-SHA256 key that signs and verifies tokens, at least 32
 * bytes; every example service must use the same value
 * @param tokenLifetime how long an issued token stays valid; only used by the issuer,
 * accepted here so that both examples read the same properties
 */
@ConfigurationProperties("examples.security")
public record JwtSecurityProperties(String jwtSecret, @DefaultValue("1h") Duration tokenLifetime) {

	/**
	 * The issuer every accepted token must name.
	 */
	public static final String ISSUER = "user-management";

	private static final int MIN_SECRET_BYTES = 32;

	public JwtSecurityProperties {
		if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("examples.security.jwt-secret must be at least " + MIN_SECRET_BYTES
					+ " bytes; set EXAMPLES_SECURITY_JWT_SECRET to a long random value");
		}
	}

	SecretKey signingKey() {
		return new SecretKeySpec(this.jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	@Override
	public String toString() {
		return "JwtSecurityProperties[tokenLifetime=" + this.tokenLifetime + "]";
	}

}

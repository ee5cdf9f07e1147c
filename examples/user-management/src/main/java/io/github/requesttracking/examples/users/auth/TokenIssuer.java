package io.github.requesttracking.examples.users.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Issues HS256-signed tokens whose subject is the user id.
 */
@Component
class TokenIssuer {

	private final JwtEncoder encoder;

	private final JwtSecurityProperties properties;

	private final Clock clock;

	TokenIssuer(JwtEncoder encoder, JwtSecurityProperties properties, Clock clock) {
		this.encoder = encoder;
		this.properties = properties;
		this.clock = clock;
	}

	String issue(UUID userId) {
		Instant now = this.clock.instant();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(JwtSecurityProperties.ISSUER)
			.subject(userId.toString())
			.issuedAt(now)
			.expiresAt(now.plus(this.properties.tokenLifetime()))
			.id(UUID.randomUUID().toString())
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

}

package io.github.requesttracking.examples.notes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The note API against a real PostgreSQL database, with tokens signed as the user
 * management example signs them, request tracking switched off.
 */
@SpringBootTest(properties = "tracking.enabled=false")
@AutoConfigureMockMvc
@DirtiesContext
class NoteManagementIntegrationTests {

	private static final TestDatabase database = PostgresServer.get().createDatabase("notemanagement");

	@Autowired
	private MockMvcTester mvc;

	@Value("${examples.security.jwt-secret}")
	private String secret;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Test
	void letsTheAuthorCreateReadUpdateListAndDeleteANote() {
		String token = token(UUID.randomUUID().toString(), this.secret, "user-management", 60);

		MvcTestResult created = send(token, this.mvc.post().uri("/api/notes"),
				"{\"title\":\"Groceries\",\"content\":\"milk\"}");
		assertThat(created).hasStatus(HttpStatus.CREATED);
		String id = JsonPath.read(body(created), "$.id");
		assertThat(created).headers().hasValue(HttpHeaders.LOCATION, "/api/notes/" + id);
		assertThat(send(token, this.mvc.get().uri("/api/notes/{id}", id))).bodyJson()
			.extractingPath("$.content")
			.isEqualTo("milk");
		MvcTestResult updated = send(token, this.mvc.put().uri("/api/notes/{id}", id),
				"{\"title\":\"Groceries\",\"content\":\"milk, bread\"}");
		assertThat(updated).hasStatus(HttpStatus.OK);
		assertThat(updated).bodyJson().extractingPath("$.content").isEqualTo("milk, bread");
		assertThat(send(token, this.mvc.get().uri("/api/notes"))).bodyJson()
			.extractingPath("$[*].id")
			.asArray()
			.containsExactly(id);
		assertThat(send(token, this.mvc.delete().uri("/api/notes/{id}", id))).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(send(token, this.mvc.get().uri("/api/notes/{id}", id))).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void hidesAnotherUsersNoteAsIfItDidNotExist() {
		String author = token(UUID.randomUUID().toString(), this.secret, "user-management", 60);
		String stranger = token(UUID.randomUUID().toString(), this.secret, "user-management", 60);
		String id = JsonPath.read(
				body(send(author, this.mvc.post().uri("/api/notes"), "{\"title\":\"Diary\",\"content\":\"secret\"}")),
				"$.id");

		assertThat(send(stranger, this.mvc.get().uri("/api/notes/{id}", id))).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(send(stranger, this.mvc.put().uri("/api/notes/{id}", id), "{\"title\":\"Mine\",\"content\":\"\"}"))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(send(stranger, this.mvc.delete().uri("/api/notes/{id}", id))).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(send(stranger, this.mvc.get().uri("/api/notes"))).bodyJson().extractingPath("$").asArray().isEmpty();
		assertThat(send(author, this.mvc.get().uri("/api/notes/{id}", id))).bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Diary");
	}

	@Test
	void rejectsInvalidNotesWithBadRequest() {
		String token = token(UUID.randomUUID().toString(), this.secret, "user-management", 60);

		assertThat(send(token, this.mvc.post().uri("/api/notes"), "{\"title\":\" \",\"content\":\"x\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(send(token, this.mvc.post().uri("/api/notes"), "{\"title\":\"x\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(send(token, this.mvc.post().uri("/api/notes"),
				"{\"title\":\"" + "x".repeat(201) + "\",\"content\":\"\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(send(token, this.mvc.post().uri("/api/notes"), "[")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(send(token, this.mvc.get().uri("/api/notes/not-a-uuid"))).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void rejectsRequestsWithoutAValidTokenWithUnauthorized() {
		String user = UUID.randomUUID().toString();
		String otherKey = token(user, "another-secret-that-is-long-enough-0123456789", "user-management", 60);
		String expired = token(user, this.secret, "user-management", -120);
		String otherIssuer = token(user, this.secret, "someone-else", 60);

		assertThat(this.mvc.get().uri("/api/notes")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(send(otherKey, this.mvc.get().uri("/api/notes"))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(send(expired, this.mvc.get().uri("/api/notes"))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(send(otherIssuer, this.mvc.get().uri("/api/notes"))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(send("not-a-token", this.mvc.post().uri("/api/notes"), "{\"title\":\"x\",\"content\":\"\"}"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private MvcTestResult send(String token, MockMvcTester.MockMvcRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	private MvcTestResult send(String token, MockMvcTester.MockMvcRequestBuilder request, String json) {
		return send(token, request.contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private static String token(String subject, String secret, String issuer, long lifetimeSeconds) {
		SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		Instant now = Instant.now();
		Instant issuedAt = (lifetimeSeconds > 0) ? now : now.plusSeconds(lifetimeSeconds).minus(1, ChronoUnit.HOURS);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(issuer)
			.subject(subject)
			.issuedAt(issuedAt)
			.expiresAt(now.plusSeconds(lifetimeSeconds))
			.build();
		return new NimbusJwtEncoder(new ImmutableSecret<>(key))
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

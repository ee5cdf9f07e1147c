package io.github.requesttracking.examples.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user management API against a real PostgreSQL database, request tracking switched
 * off.
 */
@SpringBootTest(properties = "tracking.enabled=false")
@AutoConfigureMockMvc
@DirtiesContext
class UserManagementIntegrationTests {

	private static final TestDatabase database = PostgresServer.get().createDatabase("usermanagement");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JwtDecoder jwtDecoder;

	@Autowired
	private JwtEncoder jwtEncoder;

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
	void registersUserAndAnswersWithItsId() {
		MvcTestResult result = register("alice", "correct horse battery");

		assertThat(result).hasStatus(HttpStatus.CREATED);
		assertThat(result).bodyJson().extractingPath("$.username").isEqualTo("alice");
		assertThat(UUID.fromString(JsonPath.read(body(result), "$.id"))).isNotNull();
		assertThat(body(result)).doesNotContain("correct horse battery").doesNotContainIgnoringCase("password");
	}

	@Test
	void storesOnlyAStrongHashOfThePassword() throws SQLException {
		String id = JsonPath.read(body(register("bob", "bob's long password")), "$.id");

		String hash = passwordHashOf(id);

		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("bob's long password");
	}

	@Test
	void rejectsADuplicateUsernameIgnoringCaseWithConflict() {
		assertThat(register("carol", "first password")).hasStatus(HttpStatus.CREATED);

		MvcTestResult duplicate = register("CAROL", "second password");

		assertThat(duplicate).hasStatus(HttpStatus.CONFLICT);
		assertThat(duplicate).bodyJson().extractingPath("$.detail").asString().contains("CAROL");
	}

	@Test
	void rejectsInvalidRegistrationsWithBadRequest() {
		assertThat(register("dave", "short")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(register("d", "long enough password")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(register("dave with spaces", "long enough password")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(register("dave", "é".repeat(40))).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(post("/api/users", "{\"username\":\"dave\"}")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(post("/api/users", "not json")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void issuesATokenWhoseSubjectIsTheUserId() {
		String id = JsonPath.read(body(register("erin", "erin's password")), "$.id");

		MvcTestResult login = login("erin", "erin's password");

		assertThat(login).hasStatus(HttpStatus.OK);
		Jwt jwt = this.jwtDecoder.decode(JsonPath.read(body(login), "$.token"));
		assertThat(jwt.getSubject()).isEqualTo(id);
		assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
	}

	@Test
	void rejectsBadCredentialsWithUnauthorized() {
		register("frank", "frank's password");

		assertThat(login("frank", "wrong password")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(login("nobody", "frank's password")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(login("frank", "x".repeat(100))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void returnsTheCurrentUserWithoutAnyCredential() {
		String id = JsonPath.read(body(register("grace", "grace's password")), "$.id");
		String token = JsonPath.read(body(login("grace", "grace's password")), "$.token");

		MvcTestResult me = this.mvc.get()
			.uri("/api/users/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();

		assertThat(me).hasStatus(HttpStatus.OK);
		assertThat(me).bodyJson().extractingPath("$.id").isEqualTo(id);
		assertThat(me).bodyJson().extractingPath("$.username").isEqualTo("grace");
		assertThat(body(me)).doesNotContain("grace's password")
			.doesNotContain("bcrypt")
			.doesNotContainIgnoringCase("hash");
	}

	@Test
	void rejectsTheCurrentUserWithoutAValidToken() {
		String forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiaXNzIjoidXNlci1tYW5hZ2VtZW50In0.c2lnbmF0dXJl";

		assertThat(this.mvc.get().uri("/api/users/me")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/api/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void answersNotFoundForAValidTokenThatNamesNoUser() {
		String unknownId = signedToken(UUID.randomUUID().toString());
		String notAnId = signedToken("someone");

		assertThat(this.mvc.get().uri("/api/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + unknownId))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/api/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + notAnId))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	private String signedToken(String subject) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("user-management")
			.subject(subject)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
		return this.jwtEncoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	private MvcTestResult register(String username, String password) {
		return post("/api/users", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

	private MvcTestResult login(String username, String password) {
		return post("/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

	private MvcTestResult post(String uri, String json) {
		return this.mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String passwordHashOf(String id) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT password_hash FROM users.users WHERE id = ?::uuid")) {
			statement.setString(1, id);
			try (ResultSet rows = statement.executeQuery()) {
				assertThat(rows.next()).as("user %s stored", id).isTrue();
				return rows.getString(1);
			}
		}
	}

}

package io.github.requesttracking.consumer.subject;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.requesttracking.consumer.ApiClient;
import io.github.requesttracking.consumer.ApiClient.Response;
import io.github.requesttracking.consumer.TestEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export and erasure of a data subject through the admin endpoint. Users {@code alice}
 * (erased) and {@code carol} (exported) each have rows on two days; {@code bob} has one.
 */
@Import(TestEnvironment.CleanUp.class)
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tracking.consumer.security.admin.password=admin-secret",
				"tracking.consumer.security.viewer.password=viewer-secret", "tracking.consumer.retention.enabled=false",
				"tracking.consumer.analytics.rollup.enabled=false" })
class SubjectApiTests {

	private static final TestEnvironment environment = new TestEnvironment("subjectapi", 0);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		environment.register(registry);
	}

	private static boolean seeded;

	/**
	 * Seed once, after the application has migrated the database.
	 */
	@BeforeEach
	void seed() throws SQLException {
		if (seeded) {
			return;
		}
		seeded = true;
		try (Connection connection = environment.database().connect();
				Statement statement = connection.createStatement()) {
			statement.execute("""
					SELECT tracking_ensure_partitions(DATE '2026-01-05', DATE '2026-01-06');
					INSERT INTO request_events (event_id, occurred_at, service, method, path, status_code, duration_ms,
					    user_id)
					SELECT gen_random_uuid(), day + interval '8 hours', 'shop', 'GET', '/', 200, 3, u
					FROM unnest(ARRAY['alice', 'carol']) AS u,
					     unnest(ARRAY[TIMESTAMPTZ '2026-01-05 00:00+00', TIMESTAMPTZ '2026-01-06 00:00+00']) AS day;
					INSERT INTO request_events (event_id, occurred_at, service, method, path, status_code, duration_ms,
					    user_id)
					VALUES (gen_random_uuid(), '2026-01-05 09:00+00', 'shop', 'GET', '/', 200, 3, 'bob');
					""");
		}
	}

	@Test
	void exportsEveryStoredEventOfTheUserAcrossPartitions() {
		Response response = admin().send("GET", "/admin/subjects/carol", "admin", "admin-secret");

		assertThat(response.status()).isEqualTo(200);
		JsonNode export = response.json();
		assertThat(export.get("userId").asString()).isEqualTo("carol");
		assertThat(export.get("events")).hasSize(2)
			.allSatisfy((event) -> assertThat(event.get("user_id").asString()).isEqualTo("carol"));
		assertThat(export.get("events").get(1).get("occurred_at").asString()).startsWith("2026-01-06T08:00:00");
	}

	@Test
	void erasesEveryStoredEventOfTheUserAndAuditsItWithoutTheUserId() {
		Response response = admin().send("DELETE", "/admin/subjects/alice?reference=T-42", "admin", "admin-secret");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("rowsErased").asLong()).isEqualTo(2);
		assertThat(environment.count("SELECT count(*) FROM request_events WHERE user_id = 'alice'")).isZero();
		assertThat(environment.count("SELECT count(*) FROM request_events WHERE user_id IN ('bob', 'carol')"))
			.isEqualTo(3);
		assertThat(environment.count("SELECT count(*) FROM tracking_erasure_audit WHERE rows_erased = 2 "
				+ "AND requested_by = 'http:admin' AND request_reference = 'T-42'"))
			.isEqualTo(1);
		assertThat(environment
			.count("SELECT count(*) FROM tracking_erasure_audit a " + "WHERE row_to_json(a)::text LIKE '%alice%'"))
			.isZero();
	}

	@Test
	void refusesTheViewerAndAnonymousCallers() {
		assertThat(admin().send("GET", "/admin/subjects/bob", "viewer", "viewer-secret").status()).isEqualTo(403);
		assertThat(admin().send("DELETE", "/admin/subjects/bob", null, "").status()).isEqualTo(401);
		assertThat(environment.count("SELECT count(*) FROM request_events WHERE user_id = 'bob'")).isEqualTo(1);
	}

	@Test
	void rejectsABlankUserIdWithAReason() {
		Response response = admin().send("DELETE", "/admin/subjects/%20", "admin", "admin-secret");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains("not blank");
		assertThat(environment.count("SELECT count(*) FROM tracking_erasure_audit WHERE requested_by <> 'http:admin' "
				+ "OR rows_erased = 0"))
			.isZero();
	}

	private ApiClient admin() {
		return new ApiClient(this.port);
	}

}

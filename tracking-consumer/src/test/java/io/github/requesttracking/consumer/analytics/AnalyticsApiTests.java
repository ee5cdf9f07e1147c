package io.github.requesttracking.consumer.analytics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

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
 * The analytics API over a seeded database, checked against figures worked out by hand.
 * <p>
 * On 2026-01-05 at 10:00 UTC: {@code shop /orders/{id}} has four events of 10, 20, 30 and
 * 1000 ms, statuses 200, 200, 500, 200, sample rates 1, 1, 0.5, 1 (weights 1, 1, 2, 1 =
 * 5), the first three from GB/London (51.5, -0.1), all Chrome; {@code auth /login} has
 * one 5 ms event with status 401, unknown location, Firefox, a bot.
 */
@Import(TestEnvironment.CleanUp.class)
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tracking.consumer.security.admin.password=admin-secret",
				"tracking.consumer.security.viewer.password=viewer-secret", "tracking.consumer.retention.enabled=false",
				"tracking.consumer.analytics.rollup.enabled=false" })
class AnalyticsApiTests {

	private static final String RANGE = "from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z";

	private static final TestEnvironment environment = new TestEnvironment("analyticsapi", 0);

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
			statement.execute(SEED);
		}
	}

	@Test
	void answersTrafficPerHourWithWeightsAndErrorRate() {
		// shop: weights 1 + 1 + 2 + 1 = 5, the 500 weighs 2 -> error rate 0.4
		JsonNode traffic = get("/api/analytics/traffic?" + RANGE + "&granularity=hour").json();

		assertThat(traffic).hasSize(2);
		assertThat(traffic.get(1).get("bucketStart").asString()).isEqualTo("2026-01-05T10:00:00Z");
		assertThat(traffic.get(1).get("service").asString()).isEqualTo("shop");
		assertThat(traffic.get(1).get("requests").asLong()).isEqualTo(4);
		assertThat(traffic.get(1).get("weightedRequests").asDouble()).isEqualTo(5.0);
		assertThat(traffic.get(1).get("serverErrors").asLong()).isEqualTo(1);
		assertThat(traffic.get(1).get("errorRate").asDouble()).isEqualTo(0.4);
	}

	@Test
	void filtersByServiceAndRoute() {
		JsonNode traffic = get("/api/analytics/traffic?" + RANGE + "&service=auth&route=/login").json();

		assertThat(traffic).hasSize(1);
		assertThat(traffic.get(0).get("route").asString()).isEqualTo("/login");
		assertThat(traffic.get(0).get("errorRate").asDouble()).isZero();
	}

	@Test
	void answersLatencyPercentilesFromTheHistogram() {
		// buckets [10,15) [20,30) [30,50) [1000,1500): p50 rank 2 -> 20 + 10 * 1 = 30;
		// p95 rank 3.8 -> 1000 + 500 * 0.8 = 1400, capped at the maximum 1000; mean 1060
		// / 4
		JsonNode latency = get("/api/analytics/latency?" + RANGE + "&service=shop").json();

		assertThat(latency).hasSize(1);
		assertThat(latency.get(0).get("meanMs").asDouble()).isEqualTo(265.0);
		assertThat(latency.get(0).get("p50Ms").asDouble()).isEqualTo(30.0);
		assertThat(latency.get(0).get("p95Ms").asDouble()).isEqualTo(1000.0);
		assertThat(latency.get(0).get("p99Ms").asDouble()).isEqualTo(1000.0);
	}

	@Test
	void answersStatusCodeDistribution() {
		JsonNode codes = get("/api/analytics/status-codes?" + RANGE + "&service=shop").json();

		assertThat(codes).hasSize(2);
		assertThat(codes.get(0).get("statusCode").asInt()).isEqualTo(200);
		assertThat(codes.get(0).get("share").asDouble()).isEqualTo(0.6);
		assertThat(codes.get(1).get("statusCode").asInt()).isEqualTo(500);
		assertThat(codes.get(1).get("weightedRequests").asDouble()).isEqualTo(2.0);
	}

	@Test
	void answersTopLocationsWithUnknownAsNull() {
		// London 1 + 1 + 2 = 4; unknown: shop's fourth (1) and login (1) = 2
		JsonNode locations = get("/api/analytics/locations?" + RANGE + "&limit=5").json();

		assertThat(locations).hasSize(2);
		assertThat(locations.get(0).get("city").asString()).isEqualTo("London");
		assertThat(locations.get(0).get("weightedRequests").asDouble()).isEqualTo(4.0);
		assertThat(locations.get(1).get("countryCode").isNull()).isTrue();
		assertThat(locations.get(1).get("weightedRequests").asDouble()).isEqualTo(2.0);
	}

	@Test
	void answersTopUserAgents() {
		JsonNode agents = get("/api/analytics/user-agents?" + RANGE + "&limit=1").json();

		assertThat(agents).hasSize(1);
		assertThat(agents.get(0).get("browserFamily").asString()).isEqualTo("Chrome");
		assertThat(agents.get(0).get("weightedRequests").asDouble()).isEqualTo(5.0);
	}

	@Test
	void answersOutcomesPerDayFromTheDayRollup() {
		// weights: 200 1 + 1 + 1, 500 2, 401 1 -> 6 requests, error rate 2 / 6
		JsonNode outcomes = get("/api/analytics/outcomes?" + RANGE + "&granularity=day").json();

		assertThat(outcomes).hasSize(1);
		assertThat(outcomes.get(0).get("bucketStart").asString()).isEqualTo("2026-01-05T00:00:00Z");
		assertThat(outcomes.get(0).get("requests").asLong()).isEqualTo(5);
		assertThat(outcomes.get(0).get("weightedRequests").asDouble()).isEqualTo(6.0);
		assertThat(outcomes.get(0).get("successful").asDouble()).isEqualTo(3.0);
		assertThat(outcomes.get(0).get("redirected").asDouble()).isZero();
		assertThat(outcomes.get(0).get("clientErrors").asDouble()).isEqualTo(1.0);
		assertThat(outcomes.get(0).get("serverErrors").asDouble()).isEqualTo(2.0);
		assertThat(outcomes.get(0).get("errorRate").asDouble()).isEqualTo(2.0 / 6);
	}

	@Test
	void answersLatencyPercentilesPerHour() {
		JsonNode latency = get("/api/analytics/latency-over-time?" + RANGE + "&granularity=hour&service=shop").json();

		assertThat(latency).hasSize(1);
		assertThat(latency.get(0).get("bucketStart").asString()).isEqualTo("2026-01-05T10:00:00Z");
		assertThat(latency.get(0).get("p50Ms").asDouble()).isEqualTo(30.0);
		assertThat(latency.get(0).get("p95Ms").asDouble()).isEqualTo(1000.0);
		assertThat(latency.get(0).get("maxMs").asDouble()).isEqualTo(1000.0);
	}

	@Test
	void answersTopRoutesWithErrorRateAndP95() {
		JsonNode routes = get("/api/analytics/routes?" + RANGE + "&granularity=day").json();

		assertThat(routes).hasSize(2);
		assertThat(routes.get(0).get("route").asString()).isEqualTo("/orders/{id}");
		assertThat(routes.get(0).get("weightedRequests").asDouble()).isEqualTo(5.0);
		assertThat(routes.get(0).get("errorRate").asDouble()).isEqualTo(0.4);
		assertThat(routes.get(0).get("p95Ms").asDouble()).isEqualTo(1000.0);
		assertThat(routes.get(1).get("route").asString()).isEqualTo("/login");
		assertThat(routes.get(1).get("p95Ms").asDouble()).isEqualTo(5.0);
	}

	@Test
	void answersTheSameStatusCodesFromEveryRollup() {
		String minutes = get("/api/analytics/status-codes?" + RANGE + "&service=shop").body();

		assertThat(get("/api/analytics/status-codes?" + RANGE + "&service=shop&granularity=hour").body())
			.isEqualTo(minutes);
		assertThat(get("/api/analytics/status-codes?" + RANGE + "&service=shop&granularity=day").body())
			.isEqualTo(minutes);
	}

	@Test
	void answersCountriesAndCitiesWithTheirCoordinates() {
		JsonNode places = get("/api/analytics/places?" + RANGE + "&granularity=day").json();

		assertThat(places.get("countries")).hasSize(2);
		assertThat(places.get("countries").get(0).get("countryCode").asString()).isEqualTo("GB");
		assertThat(places.get("countries").get(0).get("city").isNull()).isTrue();
		assertThat(places.get("countries").get(0).get("weightedRequests").asDouble()).isEqualTo(4.0);
		assertThat(places.get("countries").get(0).get("share").asDouble()).isEqualTo(4.0 / 6);
		assertThat(places.get("countries").get(0).get("latitude").asDouble()).isEqualTo(51.5);
		assertThat(places.get("countries").get(1).get("countryCode").isNull()).isTrue();
		assertThat(places.get("countries").get(1).get("latitude").isNull()).isTrue();
		assertThat(places.get("cities").get(0).get("city").asString()).isEqualTo("London");
		assertThat(places.get("cities").get(1).get("city").isNull()).isTrue();
		assertThat(places.get("cities").get(1).get("weightedRequests").asDouble()).isEqualTo(2.0);
	}

	@Test
	void answersBrowsersSystemsDevicesAndTheBotShare() {
		JsonNode breakdown = get("/api/analytics/user-agent-breakdown?" + RANGE + "&granularity=hour").json();

		assertThat(breakdown.get("browsers").get(0).get("name").asString()).isEqualTo("Chrome");
		assertThat(breakdown.get("browsers").get(0).get("share").asDouble()).isEqualTo(5.0 / 6);
		assertThat(breakdown.get("operatingSystems").get(1).get("name").asString()).isEqualTo("Linux");
		assertThat(breakdown.get("devices")).hasSize(1);
		assertThat(breakdown.get("devices").get(0).get("weightedRequests").asDouble()).isEqualTo(6.0);
		assertThat(breakdown.get("botRequests").asDouble()).isEqualTo(1.0);
		assertThat(breakdown.get("botShare").asDouble()).isEqualTo(1.0 / 6);
	}

	@Test
	void limitsTheDashboardAnswersAtMinuteGranularityToShortRanges() {
		Response response = get(
				"/api/analytics/routes?from=2026-01-01T00:00:00Z&to=2026-01-06T00:00:00Z&granularity=minute");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains("is longer than the 2 days");
		assertThat(get("/api/analytics/places?granularity=week").json().get("detail").asString())
			.contains("use one of minute, hour, day");
	}

	@Test
	void rejectsAReversedRangeWithAReason() {
		Response response = get("/api/analytics/traffic?from=2026-01-06T00:00:00Z&to=2026-01-05T00:00:00Z");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains("must be before 'to'");
	}

	@Test
	void rejectsTooLongARangeAtMinuteGranularity() {
		Response response = get(
				"/api/analytics/traffic?from=2026-01-01T00:00:00Z&to=2026-01-06T00:00:00Z" + "&granularity=minute");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).contains("is longer than the 2 days");
	}

	@Test
	void rejectsAnUnknownGranularityAnUnparseableTimeAndABadLimit() {
		assertThat(get("/api/analytics/traffic?granularity=week").json().get("detail").asString())
			.contains("use one of minute, hour, day");
		Response unparseable = get("/api/analytics/latency?from=yesterday");
		assertThat(unparseable.status()).isEqualTo(400);
		assertThat(unparseable.contentType()).startsWith("application/problem+json");
		assertThat(get("/api/analytics/locations?limit=0").json().get("detail").asString())
			.contains("'limit' must be between 1 and 100");
	}

	@Test
	void requiresAViewerOrAdmin() {
		ApiClient client = new ApiClient(this.port);

		assertThat(client.send("GET", "/api/analytics/traffic", null, "").status()).isEqualTo(401);
		assertThat(client.send("GET", "/api/analytics/traffic", "admin", "admin-secret").status()).isEqualTo(200);
	}

	@Test
	void keepsTheViewerInAStrictSessionButNeverTheAdminPaths() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> first = client
			.send(request("/api/analytics/traffic?" + RANGE).header("Authorization", basic("admin", "admin-secret"))
				.build(), HttpResponse.BodyHandlers.ofString());
		String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Strict");
		String session = cookie.substring(0, cookie.indexOf(';'));

		HttpResponse<String> again = client.send(
				request("/api/analytics/traffic?" + RANGE).header("Cookie", session).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> admin = client.send(request("/admin/subjects/someone").header("Cookie", session).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> adminWithCredentials = client.send(
				request("/admin/subjects/someone").header("Authorization", basic("admin", "admin-secret")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(admin.statusCode()).isEqualTo(401);
		assertThat(adminWithCredentials.statusCode()).isEqualTo(200);
		assertThat(adminWithCredentials.headers().firstValue("Set-Cookie")).isEmpty();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void describesTheApiWithOpenApi() {
		JsonNode description = get("/api/analytics/openapi").json();

		assertThat(description.get("paths").propertyNames()).contains("/api/analytics/traffic",
				"/api/analytics/latency", "/api/analytics/status-codes", "/api/analytics/locations",
				"/api/analytics/user-agents", "/api/analytics/outcomes", "/api/analytics/latency-over-time",
				"/api/analytics/routes", "/api/analytics/places", "/api/analytics/user-agent-breakdown",
				"/admin/subjects/{userId}");
	}

	private Response get(String path) {
		return new ApiClient(this.port).send("GET", path, "viewer", "viewer-secret");
	}

	private static final String SEED = """
			SELECT tracking_ensure_partitions(DATE '2026-01-05', DATE '2026-01-05');
			INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code, duration_ms,
			    sample_rate, country_code, country, city, latitude, longitude, browser_family, os_family, device_class,
			    is_bot)
			SELECT gen_random_uuid(), TIMESTAMPTZ '2026-01-05 10:00:00+00' + make_interval(secs => i), 'shop', 'GET',
			       '/orders/' || i, '/orders/{id}', CASE WHEN i = 3 THEN 500 ELSE 200 END, d,
			       CASE WHEN i = 3 THEN 0.5 ELSE 1 END, CASE WHEN i <= 3 THEN 'GB' END,
			       CASE WHEN i <= 3 THEN 'United Kingdom' END, CASE WHEN i <= 3 THEN 'London' END,
			       CASE WHEN i <= 3 THEN 51.5 END, CASE WHEN i <= 3 THEN -0.1 END, 'Chrome', 'Windows', 'desktop', false
			FROM unnest(ARRAY[10, 20, 30, 1000]::double precision[]) WITH ORDINALITY AS t(d, i);
			INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code, duration_ms,
			    user_id, browser_family, os_family, device_class, is_bot)
			VALUES (gen_random_uuid(), '2026-01-05 10:20:00+00', 'auth', 'POST', '/login', '/login', 401, 5,
			        'alice', 'Firefox', 'Linux', 'desktop', true);
			SELECT tracking_refresh_rollups('2026-01-05 00:00+00', '2026-01-06 00:00+00');
			SELECT tracking_refresh_coarse_rollups('2026-01-05 00:00+00', '2026-01-06 00:00+00');
			SELECT tracking_refresh_place_coordinates('2026-01-05 00:00+00', '2026-01-06 00:00+00');
			""";

}

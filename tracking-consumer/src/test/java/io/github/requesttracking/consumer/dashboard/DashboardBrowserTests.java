package io.github.requesttracking.consumer.dashboard;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.github.requesttracking.consumer.ApiClient;
import io.github.requesttracking.consumer.ApiClient.Response;
import io.github.requesttracking.consumer.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in headless Chromium against the real consumer over seeded events whose
 * figures are worked out by hand. Day D is two UTC days before today; the range shown is
 * [D - 1, D + 1), in hour buckets.
 * <ul>
 * <li>D 10:00, {@code shop /orders/{id}}: 10, 20, 30 and 1000 ms, statuses 200, 200, 500,
 * 200, sample rates 1, 1, 0.5, 1 (weights 1, 1, 2, 1 = 5); the first three from London,
 * the fourth from nowhere known; Chrome on Windows.</li>
 * <li>D 11:00, {@code shop /cart}: 302 (100 ms, Firefox on Linux) and 404 (200 ms,
 * Googlebot, a bot), both from Paris, weight 1 each.</li>
 * <li>D-1 09:00, {@code auth /login}: one 401 in 5 ms at sample rate 0.25 (weight 4) from
 * New York, Safari on iOS.</li>
 * </ul>
 * All: 11 requests; 2xx 3, 3xx 1, 4xx 5, 5xx 2 (18.2%); bots 1 (9.1%). Publisher
 * counters: {@code shop} grows from 10 to 110 captured, 100 published, 98 confirmed, 3
 * sampled out and 7 dropped; {@code auth} reports 5, 5, 5, 0 and 1 dropped; one message
 * waits in the dead-letter queue.
 * <p>
 * The screenshot of the README is written by {@link #showsTheSeededFiguresInEveryPanel()}
 * to {@code target/dashboard.png} and, with {@code -Ddashboard.screenshot=<path>}, to
 * that path relative to the repository root.
 */
@Import(TestEnvironment.CleanUp.class)
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tracking.consumer.security.viewer.password=viewer-secret",
				"tracking.consumer.retention.enabled=false", "tracking.consumer.analytics.rollup.enabled=false" })
class DashboardBrowserTests {

	private static final TestEnvironment environment = new TestEnvironment("dashboard", 0);

	private static final Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS);

	private static final String RANGE = "from=" + day.minus(1, ChronoUnit.DAYS) + "&to=" + day.plus(1, ChronoUnit.DAYS);

	private static HeadlessChromium browser;

	private static boolean seeded;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		environment.register(registry);
	}

	@BeforeAll
	static void startBrowser() {
		browser = HeadlessChromium.start();
	}

	/**
	 * Seed once, after the application has migrated the database, and dead-letter one
	 * message that is not an event.
	 */
	@BeforeEach
	void seed() throws SQLException {
		if (!seeded) {
			seeded = true;
			try (Connection connection = environment.database().connect();
					Statement statement = connection.createStatement()) {
				statement.execute(SEED);
			}
			environment.publishRaw("not an event".getBytes(StandardCharsets.UTF_8));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> new ApiClient(this.port).send("GET", "/api/analytics/pipeline", "viewer", "viewer-secret")
					.json()
					.get("deadLetterQueue")
					.get("messages")
					.asLong() == 1);
		}
		browser.consoleErrors();
	}

	@AfterAll
	static void close() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void showsTheSeededFiguresInEveryPanel() {
		open("?" + RANGE);

		assertThat(text("#total-requests")).isEqualTo("11");
		assertThat(text("#total-server-errors")).isEqualTo("2");
		assertThat(text("#total-error-rate")).isEqualTo("18.2%");
		assertThat(text("#total-bot-share")).isEqualTo("9.1%");
		assertThat(browser.texts("#requests-legend li")).containsExactly("2xx 3", "3xx 1", "4xx 5", "5xx 2");
		assertThat(bars("#requests-chart rect", "outcome")).containsExactly(
				entry(day.minus(15, ChronoUnit.HOURS), "4xx", "4"), entry(day.plus(10, ChronoUnit.HOURS), "2xx", "3"),
				entry(day.plus(10, ChronoUnit.HOURS), "5xx", "2"), entry(day.plus(11, ChronoUnit.HOURS), "3xx", "1"),
				entry(day.plus(11, ChronoUnit.HOURS), "4xx", "1"));
		assertThat(points("#latency-chart circle[data-bucket='" + day.plus(10, ChronoUnit.HOURS) + "']"))
			.containsExactly("p50 30", "p95 1000", "p99 1000");
		assertThat(points("#error-rate-chart circle")).containsExactly("error rate 0", "error rate 0.4",
				"error rate 0");
		assertThat(browser.texts("#error-rate-legend li")).containsExactly("Overall 18.2%");
		assertThat(rows("#routes-table tbody tr")).containsExactly("shop /orders/{id} 5 40.0% 1,000 ms",
				"auth /login 4 0.0% 5 ms", "shop /cart 2 0.0% 200 ms");
		assertThat(rows("#status-bars .bar-row")).containsExactly("200 3 · 27.3%", "302 1 · 9.1%", "401 4 · 36.4%",
				"404 1 · 9.1%", "500 2 · 18.2%");
		assertThat(browser.attributes("#world-map circle.country", "data-country")).containsExactly("GB", "US", "FR");
		assertThat(browser.attributes("#world-map circle.country", "data-value")).containsExactly("4", "4", "2");
		assertThat(rows("#cities-table tbody tr")).containsExactly("London United Kingdom 4 36.4%",
				"New York United States 4 36.4%", "Paris France 2 18.2%", "(unknown) (unknown) 1 9.1%");
		assertThat(rows("#browser-bars .bar-row")).containsExactly("Chrome 5 · 45.5%", "Safari 4 · 36.4%",
				"Firefox 1 · 9.1%", "Googlebot 1 · 9.1%");
		assertThat(rows("#os-bars .bar-row")).first().isEqualTo("Windows 5 · 45.5%");
		assertThat(rows("#device-bars .bar-row")).containsExactly("desktop 6 · 54.5%", "phone 4 · 36.4%",
				"robot 1 · 9.1%");
		assertThat(text("#bot-note")).isEqualTo("Requests from known bots: 1 (9.1% of all).");
		assertThat(browser.texts("#pipeline-body [data-pipeline] .tile-value")).containsExactly("105", "8", "1", "0");
		assertThat(rows("#publishers-table tbody tr"))
			.extracting((row) -> row.substring(0, row.lastIndexOf(' ', row.lastIndexOf(' ') - 1)))
			.containsExactly("auth 1 5 5 5 0 1", "shop 1 110 100 98 3 7");
		assertThat(browser.consoleErrors()).isEmpty();
		writeScreenshot();
	}

	@Test
	void narrowsEveryPanelToTheChosenService() {
		open("?" + RANGE);

		int loads = loads();
		browser.driver().findElement(By.cssSelector("#service option[value='shop']")).click();
		awaitLoadAfter(loads);

		assertThat(browser.driver().getCurrentUrl()).contains("service=shop");
		assertThat(text("#total-requests")).isEqualTo("7");
		assertThat(text("#total-error-rate")).isEqualTo("28.6%");
		assertThat(browser.texts("#requests-legend li")).containsExactly("2xx 3", "3xx 1", "4xx 1", "5xx 2");
		assertThat(rows("#status-bars .bar-row")).extracting((row) -> row.split(" ")[0])
			.containsExactly("200", "302", "404", "500");
		assertThat(browser.attributes("#world-map circle.country", "data-country")).containsExactly("GB", "FR");
		assertThat(browser.texts("#route option")).containsExactly("All routes", "/cart", "/orders/{id}");
		assertThat(browser.texts("#pipeline-body [data-pipeline] .tile-value")).startsWith("100", "7");
	}

	@Test
	void aRouteLinkFiltersThePageAndItsAddressReproducesTheView() {
		open("?" + RANGE);

		int loads = loads();
		browser.driver().findElement(By.linkText("/orders/{id}")).click();
		awaitLoadAfter(loads);
		String address = browser.driver().getCurrentUrl();

		assertThat(address).contains("service=shop").contains("route=%2Forders%2F%7Bid%7D");
		assertThat(text("#total-requests")).isEqualTo("5");
		assertThat(text("#total-error-rate")).isEqualTo("40.0%");
		assertThat(rows("#routes-table tbody tr")).containsExactly("shop /orders/{id} 5 40.0% 1,000 ms");
		assertThat(rows("#cities-table tbody tr")).containsExactly("London United Kingdom 4 80.0%",
				"(unknown) (unknown) 1 20.0%");
		open(address.substring(address.indexOf('?')));
		assertThat(text("#total-requests")).isEqualTo("5");
		assertThat(browser.driver().findElement(By.id("route")).getDomProperty("value")).isEqualTo("/orders/{id}");
	}

	@Test
	void changingTheRangeChangesTheFigures() {
		open("?" + RANGE);

		int loads = loads();
		browser.script("document.getElementById('from').value = '" + day.toString().substring(0, 16) + "'");
		browser.driver().findElement(By.id("apply")).click();
		awaitLoadAfter(loads);

		assertThat(text("#total-requests")).isEqualTo("7");
		assertThat(browser.driver().getCurrentUrl())
			.contains("from=" + day.toString().substring(0, 16).replace(":", "%3A"));
		loads = loads();
		browser.driver().findElement(By.cssSelector("[data-range='1h']")).click();
		awaitLoadAfter(loads);
		assertThat(text("#total-requests")).isEqualTo("0");
		assertThat(browser.texts("#requests-chart .empty")).containsExactly("No requests in this range");
		loads = loads();
		browser.driver().findElement(By.cssSelector("[data-range='7d']")).click();
		awaitLoadAfter(loads);
		assertThat(text("#total-requests")).isEqualTo("11");
		assertThat(browser.driver().getCurrentUrl()).endsWith("?range=7d");
	}

	@Test
	void sortsTheTopRoutesByTheClickedColumn() {
		open("?" + RANGE);

		browser.driver().findElement(By.cssSelector("#routes-table th[data-key='errorRate']")).click();
		List<String> byErrorRate = browser.attributes("#routes-table tbody tr", "data-route");
		browser.driver().findElement(By.cssSelector("#routes-table th[data-key='route']")).click();
		List<String> byRoute = browser.attributes("#routes-table tbody tr", "data-route");

		assertThat(byErrorRate.get(0)).isEqualTo("/orders/{id}");
		assertThat(byRoute).containsExactly("/cart", "/login", "/orders/{id}");
	}

	@Test
	void noticesAConsoleErrorOfThePage() {
		open("?" + RANGE);

		browser.script("console.error('a probe of the console check')");

		assertThat(browser.consoleErrors()).anySatisfy((message) -> assertThat(message).contains("a probe"));
	}

	@Test
	void refusesThePageAndItsDataWithoutCredentials() {
		ApiClient client = new ApiClient(this.port);

		Response page = client.send("GET", "/dashboard/", null, "");
		Response script = client.send("GET", "/dashboard/dashboard.js", null, "");
		Response data = client.send("GET", "/api/analytics/outcomes?" + RANGE, null, "");
		Response wrongPassword = client.send("GET", "/api/analytics/outcomes?" + RANGE, "viewer", "guess");

		assertThat(List.of(page, script, data, wrongPassword)).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.body()).doesNotContain("Request tracking", "weightedRequests", "fetch(");
		});
		assertThat(client.send("GET", "/dashboard/", "viewer", "viewer-secret").body()).contains("Request tracking");
	}

	private void open(String query) {
		browser.driver().get("http://viewer:viewer-secret@localhost:" + this.port + "/dashboard/" + query);
		awaitLoadAfter(0);
	}

	private int loads() {
		return Integer.parseInt(browser.driver().findElement(By.tagName("body")).getDomAttribute("data-loads"));
	}

	private void awaitLoadAfter(int loads) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Object state = browser.script("return document.body.dataset.state + ' ' + document.body.dataset.loads");
			String[] parts = String.valueOf(state).split(" ");
			return "ready".equals(parts[0]) && !"undefined".equals(parts[1]) && Integer.parseInt(parts[1]) > loads;
		});
	}

	private String text(String selector) {
		return browser.texts(selector).get(0);
	}

	private List<String> rows(String selector) {
		return browser.texts(selector).stream().map((row) -> row.replaceAll("\\s+", " ")).toList();
	}

	private List<String> bars(String selector, String kind) {
		return browser.dataset(selector)
			.stream()
			.map((bar) -> bar.get("bucket") + " " + bar.get(kind) + " " + bar.get("value"))
			.toList();
	}

	private List<String> points(String selector) {
		return browser.dataset(selector)
			.stream()
			.map((point) -> point.get("series") + " " + point.get("value"))
			.toList();
	}

	private static String entry(Instant bucket, String outcome, String value) {
		return bucket + " " + outcome + " " + value;
	}

	private static void writeScreenshot() {
		browser.screenshot(Path.of("target", "dashboard.png"));
		String requested = System.getProperty("dashboard.screenshot");
		if (requested != null && !requested.isBlank()) {
			browser.screenshot(repositoryRoot().resolve(requested));
		}
	}

	private static Path repositoryRoot() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
			directory = directory.getParent();
		}
		assertThat(directory).as("the repository root (the directory holding mvnw)").isNotNull();
		return directory;
	}

	private static final String SEED = """
			CREATE TEMPORARY TABLE seed_day AS SELECT TIMESTAMPTZ '%s' AS d;
			SELECT tracking_ensure_partitions((SELECT (d - interval '1 day')::date FROM seed_day),
			    (SELECT d::date FROM seed_day));
			INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code, duration_ms,
			    sample_rate, country_code, country, city, latitude, longitude, browser_family, os_family, device_class,
			    is_bot)
			SELECT gen_random_uuid(), s.d + t.at, t.service, t.method, t.path, t.route, t.status, t.duration, t.rate,
			       t.country_code, t.country, t.city, t.latitude, t.longitude, t.browser, t.os, t.device, t.bot
			FROM seed_day s, (VALUES
			    (interval '10:00:01', 'shop', 'GET', '/orders/1', '/orders/{id}', 200, 10, 1.0, 'GB', 'United Kingdom',
			     'London', 51.5, -0.12, 'Chrome', 'Windows', 'desktop', false),
			    (interval '10:00:02', 'shop', 'GET', '/orders/2', '/orders/{id}', 200, 20, 1.0, 'GB', 'United Kingdom',
			     'London', 51.5, -0.12, 'Chrome', 'Windows', 'desktop', false),
			    (interval '10:00:03', 'shop', 'GET', '/orders/3', '/orders/{id}', 500, 30, 0.5, 'GB', 'United Kingdom',
			     'London', 51.5, -0.12, 'Chrome', 'Windows', 'desktop', false),
			    (interval '10:00:04', 'shop', 'GET', '/orders/4', '/orders/{id}', 200, 1000, 1.0, NULL, NULL, NULL, NULL,
			     NULL, 'Chrome', 'Windows', 'desktop', false),
			    (interval '11:00:00', 'shop', 'GET', '/cart', '/cart', 302, 100, 1.0, 'FR', 'France', 'Paris', 48.85,
			     2.35, 'Firefox', 'Linux', 'desktop', false),
			    (interval '11:00:01', 'shop', 'GET', '/cart', '/cart', 404, 200, 1.0, 'FR', 'France', 'Paris', 48.85,
			     2.35, 'Googlebot', 'Unknown', 'robot', true),
			    (interval '-15:00:00', 'auth', 'POST', '/login', '/login', 401, 5, 0.25, 'US', 'United States',
			     'New York', 40.71, -74.0, 'Safari', 'iOS', 'phone', false)
			) AS t(at, service, method, path, route, status, duration, rate, country_code, country, city, latitude,
			       longitude, browser, os, device, bot);
			INSERT INTO publisher_counters (bucket_start, service, instance_id, captured, published, confirmed,
			    sampled_out, dropped, last_seen)
			SELECT s.d + t.at, t.service, t.instance, t.captured, t.published, t.confirmed, t.sampled_out,
			       t.dropped::jsonb, s.d + t.at + interval '30 seconds'
			FROM seed_day s, (VALUES
			    (interval '09:00', 'shop', 'shop-1', 10, 9, 9, 0, '{}'),
			    (interval '12:00', 'shop', 'shop-1', 110, 100, 98, 3, '{"buffer_full": 7}'),
			    (interval '-14:00:00', 'auth', 'auth-1', 5, 5, 5, 0, '{"broker_unavailable": 1}')
			) AS t(at, service, instance, captured, published, confirmed, sampled_out, dropped);
			SELECT tracking_refresh_rollups((SELECT d - interval '1 day' FROM seed_day),
			    (SELECT d + interval '1 day' FROM seed_day));
			SELECT tracking_refresh_coarse_rollups((SELECT d - interval '1 day' FROM seed_day),
			    (SELECT d + interval '1 day' FROM seed_day));
			SELECT tracking_refresh_place_coordinates((SELECT d - interval '1 day' FROM seed_day),
			    (SELECT d + interval '1 day' FROM seed_day));
			"""
		.formatted(day);

}

package io.github.requesttracking.deployment;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query of the provisioned dashboard, with Grafana's macros and variables expanded
 * for a concrete time range, runs as Grafana's read-only login against a database
 * migrated with the project's migrations, and answers the figures worked out by hand from
 * the events described in {@link AnalyticsDatabase}. Counts are weighted: every stored
 * event counts 1 / sample rate.
 */
class GrafanaDashboardQueriesTests {

	private static final Instant FROM = Instant.parse(AnalyticsDatabase.DAY + "T10:00:00Z");

	private static final Instant TO = Instant.parse(AnalyticsDatabase.DAY + "T12:00:00Z");

	private static final String TEN = String.valueOf(FROM.getEpochSecond());

	private static final String ELEVEN = String.valueOf(FROM.plusSeconds(3600).getEpochSecond());

	private static final String PASSWORD = "dashboard-test-password";

	private static AnalyticsDatabase database;

	private static String login;

	private final GrafanaDashboard dashboard = GrafanaDashboard
		.load(GrafanaDashboard.DIRECTORY + "/request-tracking.json");

	@BeforeAll
	static void seed() throws Exception {
		database = AnalyticsDatabase.create("grafanadashboard");
		login = database.newLoginName();
		AnalyticsDatabase.ScriptResult result = database.createReaderLogin(login, PASSWORD);
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@AfterAll
	static void drop() {
		database.close();
	}

	@Test
	void everyPanelQueryRunsForAllServicesAndForOneRoute() throws SQLException {
		List<String> failures = new ArrayList<>();
		List<String> answered = new ArrayList<>();
		for (GrafanaMacros macros : List.of(macrosForAll(Duration.ofMinutes(1)),
				macros(Duration.ofHours(1), "shop", "/orders/{id}"))) {
			for (GrafanaDashboard.Panel panel : this.dashboard.panels()) {
				for (GrafanaDashboard.Query query : panel.queries()) {
					try {
						if (!rows(macros, query.rawSql()).isEmpty()) {
							answered.add(panel.title());
						}
					}
					catch (SQLException | IllegalArgumentException ex) {
						failures.add(panel.title() + " (" + query.refId() + "): " + ex.getMessage());
					}
				}
			}
		}

		assertThat(failures).isEmpty();
		assertThat(this.dashboard.panels()).hasSizeGreaterThanOrEqualTo(12)
			.allSatisfy((panel) -> assertThat(answered).as("panels that returned rows").contains(panel.title()));
	}

	@Test
	void requestsByOutcomeCountWeightedRequestsPerStatusClassAndBucket() throws SQLException {
		// 10:00: 2xx orders 1+2+2 and login 1, 3xx orders 1, 4xx orders 2 and login 1,
		// 5xx 1
		// 11:00: cart 4 x 4
		assertThat(panelRows("Requests by outcome", macrosForAll(Duration.ofHours(1))))
			.containsExactly(TEN + "|6|1|3|1", ELEVEN + "|16|0|0|0");
		assertThat(panelRows("Requests by outcome", macros(Duration.ofHours(1), "shop", "/orders/{id}")))
			.containsExactly(TEN + "|5|1|2|1");
	}

	@Test
	void requestsPerMinuteBucketWhenTheIntervalIsOneMinute() throws SQLException {
		String tenPastThirty = String.valueOf(FROM.plusSeconds(5400).getEpochSecond());

		assertThat(panelRows("Requests by outcome", macrosForAll(Duration.ofMinutes(1))))
			.containsExactly(TEN + "|6|1|3|1", tenPastThirty + "|16|0|0|0");
	}

	@Test
	void totalsAndErrorRatesAreWeighted() throws SQLException {
		GrafanaMacros all = macrosForAll(Duration.ofHours(1));

		assertThat(panelRows("Requests", all)).containsExactly("27");
		assertThat(panelRows("Requests", macros(Duration.ofHours(1), "shop", null))).containsExactly("25");
		// 5xx: 1 of 27; per bucket at 10:00 1 of 11 (5xx) and 3 of 11 (4xx)
		assertThat(panelRows("Server error rate", all)).containsExactly("0.037");
		assertThat(panelRows("Error rate", all)).containsExactly(TEN + "|0.0909|0.2727", ELEVEN + "|0|0");
	}

	@Test
	void latencyPercentilesComeFromTheCombinedHistograms() throws SQLException {
		// 10:00 holds 10, 20, 30, 40, 50, 60, 100, 300 ms: p50 rank 4 in [30,50) after 2
		// of
		// 2 -> 50; p95 and p99 fall in [300,500) and are capped at the maximum 300.
		// 11:00 holds 4 x 5 ms: every percentile is capped at the maximum 5.
		assertThat(panelRows("Latency p50 / p95 / p99", macrosForAll(Duration.ofHours(1))))
			.containsExactly(TEN + "|50|300|300", ELEVEN + "|5|5|5");
	}

	@Test
	void topRoutesRankByWeightedRequestsWithErrorRateAndP95() throws SQLException {
		// orders: p95 rank 5.7 in [50,75) -> 71.25, capped at the maximum 60
		assertThat(panelRows("Top routes", macrosForAll(Duration.ofHours(1)))).containsExactly("shop|/cart|16|0|5",
				"shop|/orders/{id}|9|0.1111|60", "auth|/login|2|0|300");
	}

	@Test
	void statusCodesAreWeightedPerCode() throws SQLException {
		assertThat(panelRows("Status codes", macrosForAll(Duration.ofHours(1)))).containsExactly("200|22", "302|1",
				"401|1", "404|2", "500|1");
	}

	@Test
	void locationsRankCountriesAndCitiesAndPlaceThemAtTheirStoredCoordinates() throws SQLException {
		GrafanaMacros all = macrosForAll(Duration.ofHours(1));

		assertThat(panelRows("Top countries", all)).containsExactly("US|United States|16", "GB|United Kingdom|8",
				"SE|Sweden|3");
		assertThat(panelRows("Top cities", all)).containsExactly("United States|Milton|16", "United Kingdom|London|8",
				"Sweden|Stockholm|3");
		assertThat(panelRows("Requests by location", all)).containsExactly(
				"US|United States|Milton|42.2495|-71.0662|16", "GB|United Kingdom|London|51.5072|-0.1276|8",
				"SE|Sweden|Stockholm|59.3293|18.0686|3");
		assertThat(panelRows("Requests by location", macros(Duration.ofHours(1), "shop", "/orders/{id}")))
			.containsExactly("GB|United Kingdom|London|51.5072|-0.1276|6", "SE|Sweden|Stockholm|59.3293|18.0686|3");
	}

	@Test
	void userAgentPanelsAreWeighted() throws SQLException {
		GrafanaMacros all = macrosForAll(Duration.ofHours(1));

		assertThat(panelRows("Browsers", all)).containsExactly("Googlebot|16", "Chrome|9", "Mobile Safari|2");
		assertThat(panelRows("Operating systems", all)).containsExactly("Other|16", "Windows|9", "iOS|2");
		assertThat(panelRows("Devices", all)).containsExactly("bot|16", "desktop|9", "mobile|2");
		assertThat(panelRows("Bot share", all)).containsExactly("0.5926");
	}

	@Test
	void variablesListTheServicesAndTheRoutesOfTheSelectedService() throws SQLException {
		GrafanaDashboard.Variable route = this.dashboard.variable("route");

		assertThat(rows(macrosForAll(Duration.ofMinutes(1)), this.dashboard.variable("service").sql()))
			.containsExactly("auth", "shop");
		assertThat(rows(macrosForAll(Duration.ofMinutes(1)), route.sql())).containsExactly("/cart", "/login",
				"/orders/{id}");
		assertThat(rows(macros(Duration.ofMinutes(1), "shop", null), route.sql())).containsExactly("/cart",
				"/orders/{id}");
	}

	@Test
	void timeRangeLimitsEveryCount() throws SQLException {
		GrafanaMacros lateMorning = new GrafanaMacros(FROM.plusSeconds(3600), TO, Duration.ofHours(1), Map.of("service",
				this.dashboard.variable("service").textOfAll(), "route", this.dashboard.variable("route").textOfAll()));

		assertThat(panelRows("Requests", lateMorning)).containsExactly("16");
		assertThat(panelRows("Top countries", lateMorning)).containsExactly("US|United States|16");
	}

	private List<String> panelRows(String title, GrafanaMacros macros) throws SQLException {
		return rows(macros, this.dashboard.panel(title).query().rawSql());
	}

	private static List<String> rows(GrafanaMacros macros, String sql) throws SQLException {
		try (Connection grafana = database.connectAs(login, PASSWORD)) {
			return AnalyticsDatabase.rows(grafana, macros.expand(sql));
		}
	}

	private GrafanaMacros macrosForAll(Duration interval) {
		return macros(interval, null, null);
	}

	private GrafanaMacros macros(Duration interval, @Nullable String service, @Nullable String route) {
		GrafanaDashboard.Variable serviceVariable = this.dashboard.variable("service");
		GrafanaDashboard.Variable routeVariable = this.dashboard.variable("route");
		return new GrafanaMacros(FROM, TO, interval,
				Map.of("service", (service != null) ? serviceVariable.textOf(service) : serviceVariable.textOfAll(),
						"route", (route != null) ? routeVariable.textOf(route) : routeVariable.textOfAll()));
	}

}

package io.github.requesttracking.db;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks every analytics answer against figures worked out by hand from the data set
 * described in {@link SeededDatabase}. Weighted counts use weight = 1 / sample_rate.
 */
class AnalyticsFunctionTests {

	private static final String RANGE = "TIMESTAMPTZ '" + SeededDatabase.DAY + " 00:00+00', TIMESTAMPTZ '"
			+ SeededDatabase.DAY + " 00:00+00' + interval '1 day'";

	private static SeededDatabase seeded;

	@BeforeAll
	static void seed() throws SQLException {
		seeded = SeededDatabase.create("analytics");
	}

	@AfterAll
	static void drop() {
		seeded.close();
	}

	@Test
	void countsRequestsPerHourPerServiceAndRouteWithWeightsAndErrorRate() throws SQLException {
		// orders: 10 events, weights 5 x 1 + 5 x 2 = 15, server errors i=5 (1) and i=10
		// (2): 3 / 15
		// cart: 4 events of weight 4 = 16, no error
		assertThat(seeded.rows("SELECT to_char(bucket_start AT TIME ZONE 'UTC', 'HH24:MI'), route, requests, "
				+ "weighted_requests, server_errors, error_rate FROM tracking_traffic(" + RANGE + ", 'hour', 'shop')"))
			.containsExactly("10:00|/orders/{id}|10|15|2|0.2", "11:00|/cart|4|16|0|0");
	}

	@Test
	void countsRequestsPerMinuteForOneRoute() throws SQLException {
		// 10:00 holds i=1..5: weights 1+2+1+2+1 = 7, error i=5 weighs 1 -> 1/7
		// 10:01 holds i=6..10: weights 2+1+2+1+2 = 8, error i=10 weighs 2 -> 2/8
		assertThat(seeded.rows("SELECT to_char(bucket_start AT TIME ZONE 'UTC', 'HH24:MI'), requests, "
				+ "weighted_requests, server_errors, round(error_rate::numeric, 4) FROM tracking_traffic(" + RANGE
				+ ", 'minute', 'shop', '/orders/{id}')"))
			.containsExactly("10:00|5|7|1|0.1429", "10:01|5|8|1|0.2500");
	}

	@Test
	void readsLatencyPercentilesFromTheCombinedHistogramsOfSeveralMinutes() throws SQLException {
		// orders (two minute rows combined), buckets: [10,15) 2, [15,20) 1, [20,30) 1,
		// [30,50) 2,
		// [50,75) 1, [75,100) 1, [100,150) 1, [750,1000) 1.
		// p50: rank 5 falls in [30,50) after 4 -> 30 + 20 * (5 - 4) / 2 = 40
		// p95: rank 9.5 falls in [750,1000) after 9 -> 750 + 250 * 0.5 = 875
		// p99: rank 9.9 -> 975, capped at the maximum 900; mean 1307 / 10 = 130.7
		// login: 100 in [100,150), 300 in [300,500): p50 rank 1 -> 150; p95 rank 1.9 ->
		// 480 capped at 300
		// cart: four times 5 ms in [5,7): every interpolated value is capped at the
		// maximum 5
		assertThat(seeded.rows("SELECT service, route, requests, mean_ms, p50_ms, p95_ms, p99_ms, max_ms "
				+ "FROM tracking_route_latency(" + RANGE + ")"))
			.containsExactly("auth|/login|2|200|150|300|300|300", "shop|/cart|4|5|5|5|5|5",
					"shop|/orders/{id}|10|130.7|40|875|900|900");
	}

	@Test
	void distributesRequestsOverStatusCodes() throws SQLException {
		// 200: orders 7 events (weight 11), cart 4 (16), login 1 (1) -> 12 events, 28 of
		// 33
		assertThat(seeded.rows("SELECT status_code, requests, weighted_requests, round(share::numeric, 4) "
				+ "FROM tracking_status_codes(" + RANGE + ")"))
			.containsExactly("200|12|28|0.8485", "401|1|1|0.0303", "404|1|1|0.0303", "500|2|3|0.0909");
		assertThat(seeded.rows("SELECT status_code, requests, weighted_requests, round(share::numeric, 4) "
				+ "FROM tracking_status_codes(" + RANGE + ", 'shop', '/orders/{id}')"))
			.containsExactly("200|7|11|0.7333", "404|1|1|0.0667", "500|2|3|0.2000");
	}

	@Test
	void ranksLocationsByWeightedRequests() throws SQLException {
		// London: orders i=1..6 (1+2+1+2+1+2 = 9) plus login (2) = 11; unknown: i=9,10 =
		// 3;
		// Linköping: i=7,8 = 3; Milton: 4 x 4 = 16. Ties are ordered by country code.
		assertThat(seeded.rows("SELECT * FROM tracking_top_locations(" + RANGE + ", max_rows => 3)"))
			.containsExactly("US|United States|Milton|4|16", "GB|United Kingdom|London|8|11", "|||2|3");
		assertThat(seeded
			.rows("SELECT city, weighted_requests FROM tracking_top_locations(" + RANGE + ", 'shop', '/orders/{id}')"))
			.containsExactly("London|9", "|3", "Linköping|3");
	}

	@Test
	void ranksUserAgentsByWeightedRequests() throws SQLException {
		// Chrome: orders 15 minus Firefox's i=10 (2) = 13 over 9 events
		assertThat(seeded.rows("SELECT * FROM tracking_top_user_agents(" + RANGE + ")")).containsExactly(
				"Googlebot|Other|bot|t|4|16", "Chrome|Windows|desktop|f|9|13", "Firefox|Linux|desktop|f|1|2",
				"Mobile Safari|iOS|mobile|f|2|2");
	}

	@Test
	void hourlyStatisticsViewCombinesMinutesIntoHours() throws SQLException {
		assertThat(seeded.rows("SELECT to_char(bucket_start AT TIME ZONE 'UTC', 'HH24:MI'), service, route, requests, "
				+ "error_rate, p50_ms, p95_ms, p99_ms FROM request_stats_hourly ORDER BY 1, 2, 3"))
			.containsExactly("10:00|auth|/login|2|0|150|300|300", "10:00|shop|/orders/{id}|10|0.2|40|875|900",
					"11:00|shop|/cart|4|0|5|5|5");
	}

	@Test
	void addsHistogramsOfUnequalLengthSkippingNulls() throws SQLException {
		assertThat(seeded.rows("SELECT tracking_histogram_sum(h) FROM (VALUES (ARRAY[1, 2]::bigint[]), (NULL), "
				+ "(ARRAY[3, NULL, 5]::bigint[]), (ARRAY[10]::bigint[])) AS v(h)"))
			.containsExactly("{14,2,5}");
		assertThat(seeded.rows("SELECT tracking_histogram_sum(h) IS NULL FROM (VALUES (NULL::bigint[])) AS v(h)"))
			.containsExactly("t");
	}

	@Test
	void refreshingTheSameRangeAgainChangesNothing() throws SQLException {
		String snapshot = "SELECT bucket_start, service, route, method, status_code, requests, weighted_requests, "
				+ "latency_histogram FROM request_rollup_minute ORDER BY 1, 2, 3, 4, 5";
		List<String> before = seeded.rows(snapshot);

		seeded.execute("SELECT tracking_refresh_rollups(" + RANGE + ")");

		assertThat(seeded.rows(snapshot)).isEqualTo(before).hasSize(8);
	}

	@Test
	void dropsRollupGroupsWhoseRawRowsAreGoneWhenRefreshed() throws SQLException {
		try (SeededDatabase other = SeededDatabase.create("analyticsrefresh")) {
			other.execute("DELETE FROM request_events WHERE route = '/cart'");

			other.execute("SELECT tracking_refresh_rollups(" + RANGE + ")");

			assertThat(other.rows("SELECT DISTINCT route FROM request_rollup_minute ORDER BY 1"))
				.containsExactly("/login", "/orders/{id}");
			assertThat(other.rows("SELECT DISTINCT route FROM request_rollup_agent_hour ORDER BY 1"))
				.containsExactly("/login", "/orders/{id}");
		}
	}

	@Test
	void deletesRollupsOlderThanTheirRetention() throws SQLException {
		try (SeededDatabase other = SeededDatabase.create("analyticsexpiry")) {
			other.execute("SELECT tracking_delete_expired_rollups(TIMESTAMPTZ '" + SeededDatabase.DAY + " 11:00+00')");

			assertThat(other.rows("SELECT DISTINCT route FROM request_rollup_minute")).containsExactly("/cart");
			assertThat(other.rows("SELECT DISTINCT route FROM request_rollup_location_hour")).containsExactly("/cart");
		}
	}

}

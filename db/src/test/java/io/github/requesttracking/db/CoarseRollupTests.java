package io.github.requesttracking.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hour and day rollups of V12 over the {@link SeededDatabase} data set: they are the
 * sums of the minute and hour rollups, the dashboard functions read the same figures from
 * each, and the roles may use them like the V6 rollups.
 */
class CoarseRollupTests {

	private static final String RANGE = "TIMESTAMPTZ '" + SeededDatabase.DAY + " 00:00+00', TIMESTAMPTZ '"
			+ SeededDatabase.DAY + " 00:00+00' + interval '1 day'";

	private static SeededDatabase seeded;

	@BeforeAll
	static void seed() throws SQLException {
		seeded = SeededDatabase.create("coarserollups");
		seeded.execute("SELECT tracking_refresh_coarse_rollups(" + RANGE + ")");
	}

	@AfterAll
	static void drop() {
		seeded.close();
	}

	@Test
	void sumsTheMinuteRollupsIntoHoursAndDays() throws SQLException {
		assertThat(seeded.rows("SELECT to_char(bucket_start AT TIME ZONE 'UTC', 'HH24'), sum(requests), "
				+ "sum(weighted_requests) FROM request_rollup_hour GROUP BY bucket_start ORDER BY bucket_start"))
			.containsExactly("10|12|17", "11|4|16");
		assertThat(seeded.rows("SELECT sum(requests), sum(weighted_requests) FROM request_rollup_day"))
			.containsExactly("16|33");
		assertThat(seeded.rows("SELECT sum(requests) FROM request_rollup_location_day")).containsExactly("16");
		assertThat(seeded.rows("SELECT sum(requests) FROM request_rollup_agent_day")).containsExactly("16");
	}

	@Test
	void answersTheSameOutcomesAtEveryGranularity() throws SQLException {
		String columns = "sum(weighted_requests), sum(successful), sum(client_errors), sum(server_errors)";

		assertThat(seeded.rows("SELECT " + columns + " FROM tracking_outcomes(" + RANGE + ", 'minute')"))
			.containsExactly("33|28|2|3")
			.isEqualTo(seeded.rows("SELECT " + columns + " FROM tracking_outcomes(" + RANGE + ", 'hour')"))
			.isEqualTo(seeded.rows("SELECT " + columns + " FROM tracking_outcomes(" + RANGE + ", 'day')"));
	}

	@Test
	void countsTheSameRowsWhenRefreshedAgain() throws SQLException {
		seeded.execute("SELECT tracking_refresh_coarse_rollups(" + RANGE + ")");

		assertThat(seeded.rows("SELECT sum(requests) FROM request_rollup_day")).containsExactly("16");
		assertThat(seeded.rows("SELECT count(*) FROM request_rollup_hour")).containsExactly("6");
	}

	@Test
	void keepsADayRowUntilItsWholeDayHasExpired() throws SQLException {
		try (Connection connection = seeded.database().connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			int dayRows = count(statement, "request_rollup_day");
			statement
				.execute("SELECT tracking_delete_expired_rollups(TIMESTAMPTZ '" + SeededDatabase.DAY + " 12:00+00')");
			int halfExpired = count(statement, "request_rollup_day");
			int hoursLeft = count(statement, "request_rollup_hour");
			statement.execute("SELECT tracking_delete_expired_rollups(TIMESTAMPTZ '" + SeededDatabase.DAY
					+ " 00:00+00' + interval '1 day')");
			int expired = count(statement, "request_rollup_day") + count(statement, "request_rollup_location_day")
					+ count(statement, "request_rollup_agent_day");
			connection.rollback();

			assertThat(dayRows).isEqualTo(6);
			assertThat(halfExpired).isEqualTo(dayRows);
			assertThat(hoursLeft).isZero();
			assertThat(expired).isZero();
		}
	}

	@Test
	void totalsAtHourGranularityReadDayRowsForWholeDaysAndHourRowsAtTheEdges() throws SQLException {
		String partial = "TIMESTAMPTZ '" + SeededDatabase.DAY + " 10:00+00', TIMESTAMPTZ '" + SeededDatabase.DAY
				+ " 00:00+00' + interval '1 day'";
		try (Connection connection = seeded.database().connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			String before = totals(statement, RANGE, "hour");
			String daily = totals(statement, RANGE, "day");
			String edges = totals(statement, partial, "hour");
			// Marks the day rows: only answers that read them change.
			statement.execute("UPDATE request_rollup_day SET weighted_requests = weighted_requests + 100");
			statement.execute("UPDATE request_rollup_location_day SET weighted_requests = weighted_requests + 100");
			statement.execute("UPDATE request_rollup_agent_day SET weighted_requests = weighted_requests + 100");
			long requestRows = 100L * count(statement, "request_rollup_day");
			long locationRows = 100L * count(statement, "request_rollup_location_day");
			long agentRows = 100L * count(statement, "request_rollup_agent_day");
			String wholeDayMarked = totals(statement, RANGE, "hour");
			String edgesMarked = totals(statement, partial, "hour");
			connection.rollback();

			assertThat(before).isEqualTo("33|33|33|33").isEqualTo(daily).isEqualTo(edges);
			assertThat(wholeDayMarked).isEqualTo(
					(33 + requestRows) + "|" + (33 + requestRows) + "|" + (33 + locationRows) + "|" + (33 + agentRows));
			assertThat(requestRows).isPositive();
			assertThat(edgesMarked).isEqualTo(edges);
		}
	}

	/**
	 * The weighted totals of the status code, top route, country and bot answers.
	 */
	private static String totals(Statement statement, String range, String granularity) throws SQLException {
		String arguments = range + ", '" + granularity + "'";
		try (ResultSet rows = statement.executeQuery("SELECT (SELECT sum(weighted_requests) FROM "
				+ "tracking_status_code_shares(" + arguments + ")), (SELECT sum(weighted_requests) FROM "
				+ "tracking_top_routes(" + arguments + ")), (SELECT sum(weighted_requests) FROM tracking_top_places("
				+ arguments + ") WHERE city IS NULL), (SELECT sum(weighted_requests) FROM "
				+ "tracking_user_agent_breakdown(" + arguments + ") WHERE dimension = 'bot')")) {
			rows.next();
			return rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3) + "|" + rows.getString(4);
		}
	}

	private static int count(Statement statement, String table) throws SQLException {
		try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	@Test
	void letsTheWriterRefreshAndTheReaderReadTheCoarseRollups() throws SQLException {
		assertThat(seeded.rows("""
				SELECT has_table_privilege('tracking_writer', 'request_rollup_day', 'DELETE'),
				       has_table_privilege('tracking_writer', 'tracking_place_coordinates', 'UPDATE'),
				       has_table_privilege('tracking_reader', 'request_rollup_hour', 'SELECT'),
				       has_table_privilege('tracking_reader', 'request_rollup_agent_day', 'INSERT'),
				       has_table_privilege('tracking_admin', 'request_rollup_location_day', 'SELECT'),
				       has_table_privilege('tracking_reader', 'publisher_counters', 'SELECT')
				""")).containsExactly("t|t|t|f|t|t");
	}

}

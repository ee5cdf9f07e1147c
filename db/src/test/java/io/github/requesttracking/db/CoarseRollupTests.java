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

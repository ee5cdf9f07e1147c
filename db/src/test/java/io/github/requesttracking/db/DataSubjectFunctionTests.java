package io.github.requesttracking.db;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Export and erasure of one data subject across attached, detached and pending
 * partitions.
 */
class DataSubjectFunctionTests {

	private SeededDatabase seeded;

	@BeforeEach
	void seed() throws SQLException {
		this.seeded = SeededDatabase.create("subjects");
		// alice has 5 rows on the seeded day; add one on each of two later days, and
		// detach
		// the second day so that only the daily table itself still holds that row
		this.seeded.execute(
				"""
						SELECT tracking_ensure_partitions(DATE '2026-01-06', DATE '2026-01-07');
						INSERT INTO request_events (event_id, occurred_at, service, method, path, status_code, duration_ms, user_id)
						VALUES (gen_random_uuid(), '2026-01-06 08:00+00', 'shop', 'GET', '/', 200, 3, 'alice'),
						       (gen_random_uuid(), '2026-01-06 08:00+00', 'shop', 'GET', '/', 200, 3, 'alice-2'),
						       (gen_random_uuid(), '2026-01-07 08:00+00', 'shop', 'GET', '/', 200, 3, 'alice');
						""");
		this.seeded.execute("ALTER TABLE request_events DETACH PARTITION request_events_p20260107 CONCURRENTLY");
	}

	@AfterEach
	void drop() {
		this.seeded.close();
	}

	@Test
	void exportsEveryRowOfTheUserIncludingDetachedPartitions() throws SQLException {
		assertThat(this.seeded.rows("SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), service, user_id "
				+ "FROM tracking_export_user('alice')"))
			.hasSize(7)
			.allSatisfy((row) -> assertThat(row).endsWith("|alice"))
			.contains("2026-01-06|shop|alice", "2026-01-07|shop|alice");
	}

	@Test
	void erasesEveryRowOfTheUserAndNothingElse() throws SQLException {
		long othersBefore = count("SELECT count(*) FROM request_events WHERE user_id IS DISTINCT FROM 'alice'");

		assertThat(this.seeded.rows("SELECT audit_id > 0, rows_erased FROM tracking_erase_user('alice', 'ops', 'T-1')"))
			.containsExactly("t|7");

		assertThat(count("SELECT count(*) FROM tracking_export_user('alice')")).isZero();
		assertThat(count("SELECT count(*) FROM request_events_p20260107")).isZero();
		assertThat(count("SELECT count(*) FROM request_events WHERE user_id IS DISTINCT FROM 'alice'"))
			.isEqualTo(othersBefore)
			.isEqualTo(12);
		assertThat(count("SELECT count(*) FROM request_events WHERE user_id IN ('bob', 'alice-2')")).isEqualTo(2);
	}

	@Test
	void recordsTheErasureWithoutTheUserId() throws SQLException {
		this.seeded.execute("SELECT tracking_erase_user('alice', 'ops', 'T-1')");

		assertThat(this.seeded.rows("SELECT rows_erased, requested_by, request_reference FROM tracking_erasure_audit"))
			.containsExactly("7|ops|T-1");
		assertThat(this.seeded.rows("SELECT row_to_json(a)::text FROM tracking_erasure_audit a")).singleElement()
			.asString()
			.doesNotContain("alice");
	}

	@Test
	void leavesRollupsUnchangedByAnErasure() throws SQLException {
		String rollups = "SELECT sum(requests) FROM request_rollup_minute";
		String before = this.seeded.rows(rollups).get(0);

		this.seeded.execute("SELECT tracking_erase_user('alice', 'ops')");

		assertThat(this.seeded.rows(rollups)).containsExactly(before);
	}

	@Test
	void refusesAnEmptyUserId() {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> this.seeded.execute("SELECT tracking_erase_user('', 'ops')"))
			.withMessageContaining("a user id is required");
	}

	private long count(String sql) throws SQLException {
		return Long.parseLong(this.seeded.rows(sql).get(0));
	}

}

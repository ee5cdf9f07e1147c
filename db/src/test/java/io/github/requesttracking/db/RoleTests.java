package io.github.requesttracking.db;

import java.sql.SQLException;

import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The group roles: the writer ingests, the reader reads, only the admin erases.
 */
class RoleTests {

	private static SeededDatabase seeded;

	@BeforeAll
	static void seed() throws SQLException {
		seeded = SeededDatabase.create("roles");
	}

	@AfterAll
	static void drop() {
		seeded.close();
	}

	@Test
	void createsGroupRolesThatCannotLogIn() throws SQLException {
		assertThat(seeded.rows("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'tracking\\_%' "
				+ "AND rolname IN ('tracking_writer', 'tracking_reader', 'tracking_admin') ORDER BY 1"))
			.containsExactly("tracking_admin|f", "tracking_reader|f", "tracking_writer|f");
	}

	@Test
	void grantsEachRoleOnlyWhatItNeeds() throws SQLException {
		assertThat(seeded.rows("""
				SELECT has_table_privilege('tracking_writer', 'request_events', 'INSERT'),
				       has_table_privilege('tracking_writer', 'request_events', 'DELETE'),
				       has_table_privilege('tracking_reader', 'request_events', 'SELECT'),
				       has_table_privilege('tracking_reader', 'request_events', 'INSERT'),
				       has_table_privilege('tracking_reader', 'request_rollup_minute', 'UPDATE'),
				       has_table_privilege('tracking_reader', 'request_stats_hourly', 'SELECT'),
				       has_function_privilege('tracking_reader', 'tracking_erase_user(text, text, text)', 'EXECUTE'),
				       has_function_privilege('tracking_writer', 'tracking_erase_user(text, text, text)', 'EXECUTE'),
				       has_function_privilege('tracking_admin', 'tracking_erase_user(text, text, text)', 'EXECUTE'),
				       has_table_privilege('tracking_admin', 'request_events', 'DELETE')
				""")).containsExactly("t|f|t|f|f|t|f|f|t|f");
	}

	@Test
	void letsTheWriterUpsertPublisherCountersAndTheReaderOnlyReadThem() throws SQLException {
		assertThat(seeded.rows("""
				SELECT has_table_privilege('tracking_writer', 'publisher_counters', 'INSERT'),
				       has_table_privilege('tracking_writer', 'publisher_counters', 'UPDATE'),
				       has_table_privilege('tracking_writer', 'publisher_counters', 'DELETE'),
				       has_table_privilege('tracking_reader', 'publisher_counters', 'SELECT'),
				       has_table_privilege('tracking_reader', 'publisher_counters', 'INSERT'),
				       has_table_privilege('tracking_admin', 'publisher_counters', 'SELECT')
				""")).containsExactly("t|t|t|t|f|t");
	}

	@Test
	void onlyTheAdminRoleErasesThroughTheFunction() throws SQLException {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> seeded.executeAs("tracking_reader", "SELECT tracking_erase_user('bob', 'x')"))
			.withMessageContaining("permission denied");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> seeded.executeAs("tracking_admin", "DELETE FROM request_events"))
			.withMessageContaining("permission denied");

		assertThat(seeded.rowsAs("tracking_admin", "SELECT rows_erased FROM tracking_erase_user('bob', 'x')"))
			.containsExactly("1");
	}

	@Test
	void migratesAnotherDatabaseWhenTheRolesAlreadyExist() {
		try (TestDatabase second = PostgresServer.get().createDatabase("rolesagain")) {
			Flyway flyway = Flyway.configure()
				.dataSource(second.jdbcUrl(), second.username(), second.password())
				.load();

			assertThat(flyway.migrate().success).isTrue();
		}
	}

}

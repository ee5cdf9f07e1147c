package io.github.requesttracking.deployment;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The script of the {@code grafana-database-login} service, run with psql against a
 * migrated database: it gives Grafana a login that reads as {@code tracking_reader} and
 * cannot write, may run again, and refuses to touch a login with more rights.
 */
class GrafanaDatabaseLoginTests {

	private static AnalyticsDatabase database;

	@BeforeAll
	static void migrate() throws SQLException {
		database = AnalyticsDatabase.create("grafanalogin");
	}

	@AfterAll
	static void drop() {
		database.close();
	}

	@Test
	void createsALoginThatReadsAsTheReaderRoleOnly() throws Exception {
		String login = database.newLoginName();

		AnalyticsDatabase.ScriptResult result = database.createReaderLogin(login, "first-password");

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).doesNotContain("first-password");
		try (Connection owner = database.connectAsOwner()) {
			assertThat(AnalyticsDatabase.rows(owner, """
					SELECT r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
					       pg_has_role(r.oid, 'tracking_reader', 'MEMBER'),
					       pg_has_role(r.oid, 'tracking_writer', 'MEMBER'),
					       pg_has_role(r.oid, 'tracking_admin', 'MEMBER'),
					       r.rolpassword IS NOT NULL
					FROM pg_authid r WHERE r.rolname = '%s'
					""".formatted(login))).containsExactly("true|false|false|false|true|false|false|true");
		}
		try (Connection grafana = database.connectAs(login, "first-password")) {
			assertThat(AnalyticsDatabase.rows(grafana, "SELECT sum(weighted_requests) FROM request_rollup_minute"))
				.containsExactly("27");
			assertThat(AnalyticsDatabase.rows(grafana, "SHOW default_transaction_read_only")).containsExactly("on");
		}
	}

	@Test
	void loginCannotWriteEvenWhenItLeavesReadOnlyTransactions() throws Exception {
		String login = database.newLoginName();
		assertThat(database.createReaderLogin(login, "password").exitCode()).isZero();

		try (Connection grafana = database.connectAs(login, "password")) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> grafana.createStatement().execute("DELETE FROM request_rollup_minute"))
				.withMessageContaining("read-only transaction");
			grafana.createStatement().execute("SET default_transaction_read_only = off");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> grafana.createStatement().execute("DELETE FROM request_rollup_minute"))
				.withMessageContaining("permission denied");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> grafana.createStatement().execute("SELECT tracking_erase_user('alice', 'grafana')"))
				.withMessageContaining("permission denied");
		}
	}

	@Test
	void runsAgainAndSetsTheNewPassword() throws Exception {
		String login = database.newLoginName();
		assertThat(database.createReaderLogin(login, "old-password").exitCode()).isZero();
		String before = passwordHash(login);

		AnalyticsDatabase.ScriptResult again = database.createReaderLogin(login, "new-password");

		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(passwordHash(login)).isNotEqualTo(before);
	}

	@Test
	void refusesTheOwnerLoginAndLeavesItUnchanged() throws Exception {
		String owner;
		try (Connection connection = database.connectAsOwner()) {
			owner = AnalyticsDatabase.rows(connection, "SELECT current_user").get(0);
		}
		String before = passwordHash(owner);

		AnalyticsDatabase.ScriptResult result = database.createReaderLogin(owner, "stolen");

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("more than read rights");
		assertThat(passwordHash(owner)).isEqualTo(before);
	}

	@Test
	void failsWithoutAPassword() throws Exception {
		AnalyticsDatabase.ScriptResult result = database.createReaderLogin(database.newLoginName(), "");

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("GRAFANA_DATABASE_PASSWORD");
	}

	private static String passwordHash(String login) throws SQLException {
		try (Connection owner = database.connectAsOwner()) {
			return String.valueOf(AnalyticsDatabase.rows(owner,
					"SELECT coalesce(rolpassword, '<none>') FROM pg_authid WHERE rolname = '" + login + "'"));
		}
	}

}

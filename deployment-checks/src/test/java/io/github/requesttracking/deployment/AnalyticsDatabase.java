package io.github.requesttracking.deployment;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;

/**
 * A database of its own, migrated with the project's migrations, holding a small set of
 * events whose rollups are refreshed; the tests work their expected figures out from it
 * by hand. Logins created through {@link #createReaderLogin(String, String)} are dropped
 * on {@link #close()}, together with the database.
 * <p>
 * Every event lies on {@value #DAY} (UTC); weight = 1 / sample rate:
 * <ul>
 * <li>service {@code shop}, GET {@code /orders/{id}}: six events i = 1..6 at 10:00:0i
 * with durations 10, 20, 30, 40, 50, 60 ms, statuses 200, 200, 200, 302, 404, 500 and
 * sample rates 1, 0.5, 0.5, 1, 0.5, 1 (weights 1, 2, 2, 1, 2, 1); i = 1..4 from London
 * (GB), i = 5..6 from Stockholm (SE); Chrome on Windows, desktop.</li>
 * <li>service {@code shop}, POST {@code /cart}: four events at 11:30, 5 ms, status 200,
 * sample rate 0.25 (weight 4), from Milton (US), Googlebot, OS Other, device bot.</li>
 * <li>service {@code auth}, POST {@code /login}: two events at 10:00:1x with 100 ms
 * (status 200) and 300 ms (status 401), sample rate 1, from London (GB), Mobile Safari on
 * iOS, mobile.</li>
 * </ul>
 */
final class AnalyticsDatabase implements AutoCloseable {

	static final String DAY = "2026-01-05";

	static final String MIGRATIONS = "db/src/main/resources/db/migration";

	static final String READER_LOGIN_SCRIPT = "docker/grafana/database/create-reader-login.sh";

	private final TestDatabase database;

	private final List<String> logins = new ArrayList<>();

	private AnalyticsDatabase(TestDatabase database) {
		this.database = database;
	}

	static AnalyticsDatabase create(String purpose) throws SQLException {
		TestDatabase database = PostgresServer.get().createDatabase(purpose);
		try {
			// Read from the db module's sources: the examples' jars on this module's
			// class
			// path bring migrations of their own under the default location.
			Flyway.configure()
				.dataSource(database.jdbcUrl(), database.username(), database.password())
				.locations("filesystem:" + Repository.file(MIGRATIONS))
				.load()
				.migrate();
			AnalyticsDatabase analytics = new AnalyticsDatabase(database);
			analytics.seed();
			return analytics;
		}
		catch (RuntimeException | SQLException ex) {
			database.close();
			throw ex;
		}
	}

	private void seed() throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute(
					"""
							SELECT tracking_ensure_partitions(DATE '%1$s', DATE '%1$s');
							INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code,
							    duration_ms, sample_rate, country_code, country, city, latitude, longitude, browser_family,
							    os_family, device_class, is_bot)
							SELECT gen_random_uuid(), TIMESTAMPTZ '%1$s 10:00:00+00' + make_interval(secs => i), 'shop', 'GET',
							       '/orders/' || i, '/orders/{id}', (ARRAY[200, 200, 200, 302, 404, 500])[i], 10 * i,
							       (ARRAY[1, 0.5, 0.5, 1, 0.5, 1])[i],
							       CASE WHEN i <= 4 THEN 'GB' ELSE 'SE' END,
							       CASE WHEN i <= 4 THEN 'United Kingdom' ELSE 'Sweden' END,
							       CASE WHEN i <= 4 THEN 'London' ELSE 'Stockholm' END,
							       CASE WHEN i <= 4 THEN 51.5072 ELSE 59.3293 END,
							       CASE WHEN i <= 4 THEN -0.1276 ELSE 18.0686 END,
							       'Chrome', 'Windows', 'desktop', false
							FROM generate_series(1, 6) AS i;
							INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code,
							    duration_ms, sample_rate, country_code, country, city, latitude, longitude, browser_family,
							    os_family, device_class, is_bot)
							SELECT gen_random_uuid(), TIMESTAMPTZ '%1$s 11:30:00+00' + make_interval(secs => i), 'shop', 'POST',
							       '/cart', '/cart', 200, 5, 0.25, 'US', 'United States', 'Milton', 42.2495, -71.0662,
							       'Googlebot', 'Other', 'bot', true
							FROM generate_series(1, 4) AS i;
							INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code,
							    duration_ms, sample_rate, country_code, country, city, latitude, longitude, browser_family,
							    os_family, device_class, is_bot)
							VALUES (gen_random_uuid(), TIMESTAMPTZ '%1$s 10:00:10+00', 'auth', 'POST', '/login', '/login', 200,
							        100, 1, 'GB', 'United Kingdom', 'London', 51.5072, -0.1276, 'Mobile Safari', 'iOS', 'mobile',
							        false),
							       (gen_random_uuid(), TIMESTAMPTZ '%1$s 10:00:20+00', 'auth', 'POST', '/login', '/login', 401,
							        300, 1, 'GB', 'United Kingdom', 'London', 51.5072, -0.1276, 'Mobile Safari', 'iOS', 'mobile',
							        false);
							SELECT tracking_refresh_rollups(TIMESTAMPTZ '%1$s 00:00+00', TIMESTAMPTZ '%1$s 00:00+00' + interval '1 day');
							"""
						.formatted(DAY));
		}
	}

	/**
	 * Return a login name unique to this database, dropped again on {@link #close()}.
	 * @return the name
	 */
	String newLoginName() {
		String login = ("rt_grafana_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
		this.logins.add(login);
		return login;
	}

	/**
	 * Run the script of the {@code grafana-database-login} service against this database,
	 * as the owner, the way the compose file runs it.
	 * @param login the value of {@code GRAFANA_DATABASE_USER}
	 * @param password the value of {@code GRAFANA_DATABASE_PASSWORD}
	 * @return the exit code and output
	 * @throws IOException if the script cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	ScriptResult createReaderLogin(String login, String password) throws IOException, InterruptedException {
		PostgresServer server = this.database.server();
		ProcessBuilder builder = new ProcessBuilder("sh", Repository.file(READER_LOGIN_SCRIPT).toString())
			.redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		environment.putAll(Map.of("PGHOST", server.host(), "PGPORT", String.valueOf(server.port()), "PGUSER",
				server.username(), "PGPASSWORD", server.password(), "PGDATABASE", this.database.name(),
				"GRAFANA_DATABASE_USER", login, "GRAFANA_DATABASE_PASSWORD", password));
		Process process = builder.start();
		boolean finished = process.waitFor(60, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly();
			throw new IllegalStateException(READER_LOGIN_SCRIPT + " did not finish within 60 seconds");
		}
		return new ScriptResult(process.exitValue(), new String(process.getInputStream().readAllBytes()));
	}

	/**
	 * Open a connection as another login, with the password it was given.
	 * @param login the login
	 * @param password its password (ignored by a server that trusts local connections)
	 * @return the connection, to be closed by the caller
	 * @throws SQLException if the connection fails
	 */
	Connection connectAs(String login, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", login);
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", "3");
		return DriverManager.getConnection(this.database.jdbcUrl(), properties);
	}

	Connection connectAsOwner() throws SQLException {
		return this.database.connect();
	}

	/**
	 * Run a query and return each row as its columns' text joined by {@code |}; floating
	 * point numbers are rounded to four decimals and written without trailing zeros.
	 * @param connection the connection to run it on
	 * @param sql the query
	 * @return the rows
	 * @throws SQLException if the query fails
	 */
	static List<String> rows(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			ResultSetMetaData metaData = rows.getMetaData();
			List<String> result = new ArrayList<>();
			while (rows.next()) {
				StringBuilder row = new StringBuilder();
				for (int column = 1; column <= metaData.getColumnCount(); column++) {
					row.append((column > 1) ? "|" : "").append(text(rows.getObject(column)));
				}
				result.add(row.toString());
			}
			return result;
		}
	}

	private static String text(Object value) {
		if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
			BigDecimal number = new BigDecimal(value.toString()).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
			return (number.signum() == 0) ? "0" : number.toPlainString();
		}
		return String.valueOf(value);
	}

	@Override
	public void close() {
		this.database.close();
		if (this.logins.isEmpty()) {
			return;
		}
		String server = this.database.server().jdbcUrl("postgres");
		try (Connection connection = DriverManager.getConnection(server, ownerProperties());
				Statement statement = connection.createStatement()) {
			for (String login : this.logins) {
				statement.execute("DROP ROLE IF EXISTS " + login);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop the test logins " + this.logins + " on " + server, ex);
		}
	}

	private Properties ownerProperties() {
		Properties properties = new Properties();
		properties.setProperty("user", this.database.username());
		properties.setProperty("password", this.database.password());
		return properties;
	}

	/**
	 * The outcome of a script.
	 *
	 * @param exitCode the exit code
	 * @param output standard output and error together
	 */
	record ScriptResult(int exitCode, String output) {

	}

}

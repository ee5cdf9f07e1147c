package io.github.requesttracking.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * A migrated test database holding a small, fixed data set whose analytics answers are
 * worked out by hand in the tests.
 * <p>
 * All rows lie on {@value #DAY} (UTC):
 * <ul>
 * <li>service {@code shop}, route {@code /orders/{id}}: ten events i = 1..10 with
 * durations 12, 12, 18, 25, 40, 40, 60, 80, 120, 900 ms; i = 1..5 at 10:00, i = 6..10 at
 * 10:01; sample rate 1.0 for odd i (weight 1) and 0.5 for even i (weight 2); status 404
 * for i = 3, 500 for i = 5 and i = 10, otherwise 200; i = 1..6 from GB/London, i = 7..8
 * from SE/Linköping, i = 9..10 unknown; Chrome/Windows/desktop except i = 10
 * Firefox/Linux/desktop; user {@code alice} for i = 1..3, {@code bob} for i = 4,
 * anonymous otherwise.</li>
 * <li>service {@code shop}, route {@code /cart}: four events at 11:30, 5 ms each, status
 * 200, sample rate 0.25 (weight 4), US/Milton, Googlebot/Other/bot.</li>
 * <li>service {@code auth}, route {@code /login}: two events at 10:00 with 100 ms (status
 * 200) and 300 ms (status 401), sample rate 1, GB/London, Mobile Safari/iOS/mobile, user
 * {@code alice}.</li>
 * </ul>
 */
final class SeededDatabase implements AutoCloseable {

	static final String DAY = "2026-01-05";

	private final TestDatabase database;

	private SeededDatabase(TestDatabase database) {
		this.database = database;
	}

	static SeededDatabase create(String purpose) throws SQLException {
		TestDatabase database = PostgresServer.get().createDatabase(purpose);
		Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password()).load().migrate();
		SeededDatabase seeded = new SeededDatabase(database);
		seeded.seed();
		return seeded;
	}

	private void seed() throws SQLException {
		execute("SELECT tracking_ensure_partitions(DATE '" + DAY + "', DATE '" + DAY + "')");
		execute("""
				INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code,
				    duration_ms, sample_rate, user_id, country_code, country, city, browser_family, os_family,
				    device_class, is_bot)
				SELECT gen_random_uuid(),
				       TIMESTAMPTZ '%1$s 10:00:00+00' + CASE WHEN i <= 5 THEN interval '0' ELSE interval '1 minute' END
				           + make_interval(secs => i),
				       'shop', 'GET', '/orders/' || i, '/orders/{id}',
				       CASE WHEN i = 3 THEN 404 WHEN i IN (5, 10) THEN 500 ELSE 200 END,
				       d, CASE WHEN i %% 2 = 1 THEN 1.0 ELSE 0.5 END,
				       CASE WHEN i <= 3 THEN 'alice' WHEN i = 4 THEN 'bob' END,
				       CASE WHEN i <= 6 THEN 'GB' WHEN i <= 8 THEN 'SE' END,
				       CASE WHEN i <= 6 THEN 'United Kingdom' WHEN i <= 8 THEN 'Sweden' END,
				       CASE WHEN i <= 6 THEN 'London' WHEN i <= 8 THEN 'Linköping' END,
				       CASE WHEN i = 10 THEN 'Firefox' ELSE 'Chrome' END,
				       CASE WHEN i = 10 THEN 'Linux' ELSE 'Windows' END, 'desktop', false
				FROM unnest(ARRAY[12, 12, 18, 25, 40, 40, 60, 80, 120, 900]::double precision[])
				    WITH ORDINALITY AS t(d, i);
				INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code,
				    duration_ms, sample_rate, country_code, country, city, browser_family, os_family, device_class,
				    is_bot)
				SELECT gen_random_uuid(), TIMESTAMPTZ '%1$s 11:30:00+00' + make_interval(secs => i), 'shop', 'POST',
				       '/cart', '/cart', 200, 5, 0.25, 'US', 'United States', 'Milton', 'Googlebot', 'Other', 'bot', true
				FROM generate_series(1, 4) AS i;
				INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code,
				    duration_ms, sample_rate, user_id, country_code, country, city, browser_family, os_family,
				    device_class, is_bot)
				VALUES (gen_random_uuid(), TIMESTAMPTZ '%1$s 10:00:10+00', 'auth', 'POST', '/login', '/login', 200,
				        100, 1.0, 'alice', 'GB', 'United Kingdom', 'London', 'Mobile Safari', 'iOS', 'mobile', false),
				       (gen_random_uuid(), TIMESTAMPTZ '%1$s 10:00:20+00', 'auth', 'POST', '/login', '/login', 401,
				        300, 1.0, 'alice', 'GB', 'United Kingdom', 'London', 'Mobile Safari', 'iOS', 'mobile', false);
				SELECT tracking_refresh_rollups(TIMESTAMPTZ '%1$s 00:00:00+00', TIMESTAMPTZ '%1$s 00:00:00+00' + interval '1 day');
				"""
			.formatted(DAY));
	}

	TestDatabase database() {
		return this.database;
	}

	void execute(String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * Run a query and return each row as its columns' text joined by {@code |}.
	 * @param sql the query
	 * @return the rows
	 * @throws SQLException if the query fails
	 */
	List<String> rows(String sql) throws SQLException {
		return rowsAs(null, sql);
	}

	/**
	 * Run a query as another role and return each row as its columns' text joined by
	 * {@code |}.
	 * @param role the role to switch to first, or {@code null} to stay the owner
	 * @param sql the query
	 * @return the rows
	 * @throws SQLException if the query fails
	 */
	List<String> rowsAs(@Nullable String role, String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			if (role != null) {
				statement.execute("SET ROLE " + role);
			}
			return read(statement.executeQuery(sql));
		}
	}

	void executeAs(String role, String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET ROLE " + role);
			statement.execute(sql);
		}
	}

	private static List<String> read(ResultSet rows) throws SQLException {
		try (rows) {
			ResultSetMetaData metaData = rows.getMetaData();
			List<String> result = new ArrayList<>();
			while (rows.next()) {
				StringBuilder row = new StringBuilder();
				for (int column = 1; column <= metaData.getColumnCount(); column++) {
					row.append((column > 1) ? "|" : "").append(rows.getString(column));
				}
				result.add(row.toString());
			}
			return result;
		}
	}

	@Override
	public void close() {
		this.database.close();
	}

}

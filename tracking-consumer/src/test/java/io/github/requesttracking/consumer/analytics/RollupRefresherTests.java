package io.github.requesttracking.consumer.analytics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.requesttracking.consumer.analytics.RollupRefresher.RollupRefresh;
import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollup refresh against a real database at 2030-01-10 12:30 UTC with a lookback of 2
 * hours (so the whole hours from 10:00 are recomputed) and a rollup retention of 400
 * days.
 */
class RollupRefresherTests {

	private static final AnalyticsProperties.Rollup properties = new AnalyticsProperties.Rollup(true,
			Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(2), Duration.ofDays(400));

	private final Clock clock = Clock.fixed(Instant.parse("2030-01-10T12:30:00Z"), ZoneOffset.UTC);

	private TestDatabase database;

	private HikariDataSource dataSource;

	@BeforeEach
	void migrate() throws SQLException {
		this.database = PostgresServer.get().createDatabase("rollups");
		Flyway.configure()
			.dataSource(this.database.jdbcUrl(), this.database.username(), this.database.password())
			.load()
			.migrate();
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(this.database.jdbcUrl());
		this.dataSource.setUsername(this.database.username());
		this.dataSource.setPassword(this.database.password());
		execute("SELECT tracking_ensure_partitions('2030-01-10', '2030-01-10')");
		execute(insert("2030-01-10T09:00:00Z") + "; " + insert("2030-01-10T11:10:00Z") + "; "
				+ insert("2030-01-10T11:10:30Z") + "; " + insert("2030-01-10T12:20:00Z"));
	}

	@AfterEach
	void drop() {
		this.dataSource.close();
		this.database.close();
	}

	@Test
	void recomputesTheHoursOfTheLookbackFromRawEvents() throws SQLException {
		RollupRefresh refresh = refresher().refresh();

		assertThat(refresh.acted()).isTrue();
		// minute, location and agent rows for 11:10 and 12:20; hour rows 11:00 and 12:00;
		// one
		// day row each for requests, locations and agents
		assertThat(refresh.written()).isEqualTo(2 + 2 + 2 + 2 + 3);
		assertThat(query("SELECT to_char(bucket_start AT TIME ZONE 'UTC', 'HH24:MI') || ' ' || requests "
				+ "FROM request_rollup_minute ORDER BY bucket_start"))
			.containsExactly("11:10 2", "12:20 1");
	}

	@Test
	void countsEachEventOnceWhenRefreshedAgain() throws SQLException {
		refresher().refresh();

		refresher().refresh();

		assertThat(query("SELECT sum(requests) FROM request_rollup_minute")).containsExactly("3");
		assertThat(query("SELECT sum(requests) FROM request_rollup_location_hour")).containsExactly("3");
	}

	@Test
	void keepsTheHourAndDayRollupsInStepWithTheMinuteRollups() throws SQLException {
		refresher().refresh();

		assertThat(query("SELECT to_char(bucket_start AT TIME ZONE 'UTC', 'HH24:MI') || ' ' || requests "
				+ "FROM request_rollup_hour ORDER BY bucket_start"))
			.containsExactly("11:00 2", "12:00 1");
		assertThat(query("SELECT requests || ' ' || latency_histogram[tracking_latency_bucket(12)] "
				+ "FROM request_rollup_day"))
			.containsExactly("3 3");
		assertThat(query("SELECT sum(requests) FROM request_rollup_location_day")).containsExactly("3");
		assertThat(query("SELECT sum(requests) FROM request_rollup_agent_day")).containsExactly("3");
	}

	@Test
	void storesTheMeanCoordinatesOfEachPlaceSeen() throws SQLException {
		execute("INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code, "
				+ "duration_ms, country_code, city, latitude, longitude) VALUES "
				+ "(gen_random_uuid(), '2030-01-10T12:00:00Z', 's', 'GET', '/', '/', 200, 1, 'FR', 'Paris', 48, 2), "
				+ "(gen_random_uuid(), '2030-01-10T12:01:00Z', 's', 'GET', '/', '/', 200, 1, 'FR', 'Paris', 49, 3)");

		refresher().refresh();

		assertThat(query("SELECT country_code || ' ' || city || ' ' || latitude || ' ' || longitude "
				+ "FROM tracking_place_coordinates"))
			.containsExactly("FR Paris 48.5 2.5");
	}

	@Test
	void deletesRollupRowsOlderThanTheirRetention() throws SQLException {
		execute("INSERT INTO request_rollup_agent_hour (bucket_start, service, route, browser_family, os_family, "
				+ "device_class, is_bot, requests, weighted_requests) VALUES "
				+ "('2028-06-01 00:00+00', 's', '/', '', '', '', false, 1, 1), "
				+ "('2029-06-01 00:00+00', 's', '/', '', '', '', false, 1, 1)");

		RollupRefresh refresh = refresher().refresh();

		assertThat(refresh.deleted()).isEqualTo(1);
		assertThat(query("SELECT count(*) FROM request_rollup_agent_hour WHERE bucket_start < '2030-01-01'"))
			.containsExactly("1");
	}

	@Test
	void skipsWhileAnotherInstanceRefreshes() throws SQLException {
		try (Connection otherInstance = this.database.connect();
				Statement statement = otherInstance.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + RollupRefresher.LOCK_KEY + ")");

			RollupRefresh refresh = refresher().refresh();

			assertThat(refresh.acted()).isFalse();
			assertThat(query("SELECT count(*) FROM request_rollup_minute")).containsExactly("0");
		}
	}

	private RollupRefresher refresher() {
		return new RollupRefresher(this.dataSource, properties, this.clock);
	}

	private static String insert(String occurredAt) {
		return "INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code, "
				+ "duration_ms) VALUES (gen_random_uuid(), '" + occurredAt + "', 's', 'GET', '/', '/', 200, 12)";
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private List<String> query(String sql) throws SQLException {
		try (Connection connection = this.database.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
	}

}

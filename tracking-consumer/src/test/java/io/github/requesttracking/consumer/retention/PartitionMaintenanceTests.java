package io.github.requesttracking.consumer.retention;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Partition maintenance against a real database, with the date set by a fixed clock.
 * Retention is 10 days and partitions are created 3 days ahead, so a run on day D keeps
 * the partitions of D - 10 to D + 3.
 */
class PartitionMaintenanceTests {

	private static final RetentionProperties properties = new RetentionProperties(true, Duration.ofDays(10),
			Duration.ofDays(3), Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10));

	private final SettableClock clock = new SettableClock();

	private TestDatabase database;

	private HikariDataSource dataSource;

	@BeforeEach
	void migrate() {
		this.database = PostgresServer.get().createDatabase("retention");
		Flyway.configure()
			.dataSource(this.database.jdbcUrl(), this.database.username(), this.database.password())
			.load()
			.migrate();
		this.dataSource = dataSource();
		this.clock.set("2030-01-10T12:00:00Z");
	}

	@AfterEach
	void drop() {
		this.dataSource.close();
		this.database.close();
	}

	@Test
	void createsPartitionsForTheRetentionWindowAndDaysAheadAndDropsEveryOlderOne() throws SQLException {
		List<String> before = partitions();

		MaintenanceRun run = maintenance(this.dataSource).run();

		assertThat(run.acted()).isTrue();
		assertThat(run.created()).isEqualTo(14);
		assertThat(run.dropped()).containsExactlyElementsOf(before).hasSize(9);
		assertThat(run.failures()).isZero();
		assertThat(partitions()).containsExactlyElementsOf(days("2029-12-31", "2030-01-13"));
		assertThat(count("SELECT count(*) FROM pg_partitioned_table WHERE partdefid <> 0")).isZero();
	}

	@Test
	void acceptsLateEventsFromTheStartOfTheWindow() throws SQLException {
		maintenance(this.dataSource).run();

		execute(insert("2029-12-31T00:00:00Z"));

		assertThat(count("SELECT count(*) FROM request_events")).isEqualTo(1);
	}

	@Test
	void dropsAPartitionWholeOnceAllItsRowsAreOlderThanTheRetentionPeriod() throws SQLException {
		maintenance(this.dataSource).run();
		execute(insert("2029-12-31T23:59:59Z"));
		execute(insert("2030-01-01T00:00:00Z"));
		this.clock.set("2030-01-11T00:00:00Z");

		MaintenanceRun run = maintenance(this.dataSource).run();

		assertThat(run.dropped()).containsExactly("request_events_p20291231");
		assertThat(run.created()).isEqualTo(1);
		assertThat(partitions()).containsExactlyElementsOf(days("2030-01-01", "2030-01-14"));
		assertThat(count("SELECT count(*) FROM pg_class WHERE relname = 'request_events_p20291231'")).isZero();
		assertThat(count("SELECT count(*) FROM request_events")).isEqualTo(1);
	}

	@Test
	void catchesUpAfterDowntimeByCreatingMissingAndDroppingEveryExpiredPartition() throws SQLException {
		maintenance(this.dataSource).run();
		this.clock.set("2030-03-01T08:00:00Z");

		MaintenanceRun run = maintenance(this.dataSource).run();

		assertThat(run.dropped()).containsExactlyElementsOf(days("2029-12-31", "2030-01-13"));
		assertThat(run.created()).isEqualTo(14);
		assertThat(partitions()).containsExactlyElementsOf(days("2030-02-19", "2030-03-04"));
	}

	@Test
	void doesNothingTheSecondTimeOnTheSameDay() throws SQLException {
		maintenance(this.dataSource).run();

		MaintenanceRun run = maintenance(this.dataSource).run();

		assertThat(run.acted()).isTrue();
		assertThat(run.created()).isZero();
		assertThat(run.dropped()).isEmpty();
	}

	@Test
	void finishesADetachThatWasInterrupted() throws SQLException {
		maintenance(this.dataSource).run();
		leaveDetachPending("request_events_p20291231");
		assertThat(query("SELECT partition_name FROM tracking_partitions WHERE detach_pending"))
			.containsExactly("request_events_p20291231");
		this.clock.set("2030-01-11T00:00:00Z");

		MaintenanceRun run = maintenance(this.dataSource).run();

		assertThat(run.dropped()).containsExactly("request_events_p20291231");
		assertThat(run.failures()).isZero();
		assertThat(query("SELECT partition_name FROM tracking_partitions WHERE day < '2030-01-01'")).isEmpty();
	}

	@Test
	void onlyOneOfTwoInstancesActsWhileBothRun() throws Exception {
		maintenance(this.dataSource).run();
		this.clock.set("2030-01-11T00:00:00Z");
		try (HikariDataSource otherInstance = dataSource();
				Connection blocker = this.database.connect();
				Statement statement = blocker.createStatement()) {
			// Hold the expired partition so that the first instance waits inside its run.
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE request_events_p20291231 IN ACCESS EXCLUSIVE MODE");
			CompletableFuture<MaintenanceRun> first = CompletableFuture
				.supplyAsync(() -> runQuietly(maintenance(this.dataSource)));
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnLocks() > 0);

			MaintenanceRun second = maintenance(otherInstance).run();
			blocker.commit();

			assertThat(second.acted()).isFalse();
			MaintenanceRun firstRun = first.get(20, TimeUnit.SECONDS);
			assertThat(firstRun.acted()).isTrue();
			assertThat(firstRun.dropped()).containsExactly("request_events_p20291231");
			assertThat(firstRun.created()).isEqualTo(1);
		}
		assertThat(partitions()).containsExactlyElementsOf(days("2030-01-01", "2030-01-14"));
	}

	@Test
	void createsAPartitionOnceWhenTwoSessionsRaceForIt() throws Exception {
		String ensure = "SELECT tracking_ensure_partitions('2030-06-01', '2030-06-01')";
		try (Connection first = this.database.connect(); Statement statement = first.createStatement()) {
			first.setAutoCommit(false);
			statement.execute(ensure);
			CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(() -> queryQuietly(ensure));
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnLocks() > 0);

			first.commit();

			assertThat(second.get(20, TimeUnit.SECONDS)).containsExactly("0");
		}
		assertThat(partitions()).contains("request_events_p20300601");
	}

	private List<String> queryQuietly(String sql) {
		try {
			return query(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void publishesTheLastRunAsGauges() throws SQLException {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		RetentionJob job = new RetentionJob(maintenance(this.dataSource), properties, registry);

		job.run();

		assertThat(registry.get("tracking.retention.last.run.partitions.created").gauge().value()).isEqualTo(14);
		assertThat(registry.get("tracking.retention.last.run.partitions.dropped").gauge().value()).isEqualTo(9);
		assertThat(registry.get("tracking.retention.last.run.time").gauge().value())
			.isEqualTo(Instant.parse("2030-01-10T12:00:00Z").getEpochSecond());
		assertThat(registry.get("tracking.retention.last.run.duration").timeGauge().value(TimeUnit.MILLISECONDS))
			.isPositive();
		assertThat(registry.get("tracking.retention.runs").tag("outcome", "acted").counter().count()).isEqualTo(1);
	}

	private PartitionMaintenance maintenance(HikariDataSource dataSource) {
		return new PartitionMaintenance(dataSource, properties, this.clock);
	}

	private static MaintenanceRun runQuietly(PartitionMaintenance maintenance) {
		try {
			return maintenance.run();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void leaveDetachPending(String partition) throws SQLException {
		// A transaction that read the partition keeps the concurrent detach waiting after
		// its
		// first step; cancelling it then leaves the partition pending.
		try (Connection reader = this.database.connect(); Statement readerStatement = reader.createStatement()) {
			reader.setAutoCommit(false);
			readerStatement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
			readerStatement.execute("SELECT count(*) FROM request_events");
			try (Connection detacher = this.database.connect(); Statement statement = detacher.createStatement()) {
				statement.execute("SET statement_timeout = 1000");
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> statement
						.execute("ALTER TABLE request_events DETACH PARTITION " + partition + " CONCURRENTLY"))
					.withMessageContaining("statement timeout");
			}
			reader.commit();
		}
	}

	private long waitingOnLocks() throws SQLException {
		return count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
				+ "AND wait_event_type = 'Lock'");
	}

	private static String insert(String occurredAt) {
		return "INSERT INTO request_events (event_id, occurred_at, service, method, path, status_code, duration_ms) "
				+ "VALUES (gen_random_uuid(), '" + occurredAt + "', 's', 'GET', '/', 200, 1)";
	}

	private static List<String> days(String first, String last) {
		List<String> names = new ArrayList<>();
		for (LocalDate day = LocalDate.parse(first); !day.isAfter(LocalDate.parse(last)); day = day.plusDays(1)) {
			names.add("request_events_p" + day.toString().replace("-", ""));
		}
		return names;
	}

	private List<String> partitions() throws SQLException {
		return query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
				+ "WHERE i.inhparent = 'request_events'::regclass ORDER BY 1");
	}

	private long count(String sql) throws SQLException {
		return Long.parseLong(query(sql).get(0));
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

	private HikariDataSource dataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(this.database.jdbcUrl());
		dataSource.setUsername(this.database.username());
		dataSource.setPassword(this.database.password());
		dataSource.setMaximumPoolSize(2);
		return dataSource;
	}

	/**
	 * A clock the test moves by hand.
	 */
	static final class SettableClock extends Clock {

		private volatile Instant instant = Instant.EPOCH;

		void set(String instant) {
			this.instant = Instant.parse(instant);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.instant;
		}

	}

}

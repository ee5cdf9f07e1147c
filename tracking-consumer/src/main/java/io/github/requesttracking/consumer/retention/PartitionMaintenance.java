package io.github.requesttracking.consumer.retention;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the daily partitions of {@code request_events} within the retention window:
 * creates missing partitions from the start of the window (so late events are accepted)
 * to some days ahead, and detaches and drops every partition whose rows are all older
 * than the window. Catching up after downtime needs nothing special, because every run
 * compares the whole window with what exists.
 * <p>
 * Only one instance acts at a time: the run holds a session-level PostgreSQL advisory
 * lock on one pinned connection and skips when another session holds it. A session lock
 * (rather than a transaction lock or ShedLock's lock table) is what
 * {@code DETACH PARTITION ...
 * CONCURRENTLY} needs, since that statement cannot run inside a transaction, and it is
 * released by the server if the instance dies, so no lock ever has to expire. The
 * connection runs in autocommit mode with {@code lock_timeout} set, so a DDL statement
 * that cannot get its lock quickly gives up instead of queueing writers behind it; an
 * interrupted concurrent detach is finished with {@code DETACH PARTITION ... FINALIZE} on
 * the next run.
 */
class PartitionMaintenance {

	/** Advisory lock key: the bytes of "tracking" followed by 1. */
	static final long LOCK_KEY = 0x747261636b696e01L;

	private static final Logger logger = LoggerFactory.getLogger(PartitionMaintenance.class);

	private final DataSource dataSource;

	private final RetentionProperties properties;

	private final Clock clock;

	PartitionMaintenance(DataSource dataSource, RetentionProperties properties, Clock clock) {
		this.dataSource = dataSource;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Run maintenance once, or skip when another instance is running it.
	 * @return what the run did
	 * @throws SQLException if no connection could be had or the lock could not be asked
	 * for
	 */
	MaintenanceRun run() throws SQLException {
		// Limitation: creating, attaching, detaching and dropping partitions needs
		// ownership of request_events, so the consumer's login owns the table rather than
		// using only the tracking_writer role.
		Instant startedAt = this.clock.instant();
		long start = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			if (!tryLock(connection)) {
				logger.debug("Partition maintenance skipped: another instance holds the lock");
				return MaintenanceRun.skipped(startedAt, Duration.ofNanos(System.nanoTime() - start));
			}
			try {
				return maintain(connection, startedAt, start);
			}
			finally {
				unlock(connection);
			}
		}
	}

	private MaintenanceRun maintain(Connection connection, Instant startedAt, long start) throws SQLException {
		LocalDate today = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
		LocalDate firstKept = today.minusDays(this.properties.period().toDays());
		execute(connection, "SET lock_timeout = " + this.properties.lockTimeout().toMillis());
		int failures = 0;
		int created = 0;
		try {
			created = createPartitions(connection, firstKept, today.plusDays(this.properties.ahead().toDays()));
		}
		catch (SQLException ex) {
			failures++;
			logger.warn("Could not create the partitions of 'request_events' from {}; retrying on the next run",
					firstKept, ex);
		}
		List<String> dropped = new ArrayList<>();
		for (Partition partition : expiredPartitions(connection, firstKept)) {
			try {
				detachAndDrop(connection, partition);
				dropped.add(partition.name());
			}
			catch (SQLException ex) {
				failures++;
				logger.warn("Could not remove expired partition '{}'; retrying on the next run", partition.name(), ex);
			}
		}
		return new MaintenanceRun(startedAt, true, created, dropped, failures,
				Duration.ofNanos(System.nanoTime() - start));
	}

	private int createPartitions(Connection connection, LocalDate from, LocalDate to) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT tracking_ensure_partitions(?, ?)")) {
			statement.setDate(1, Date.valueOf(from));
			statement.setDate(2, Date.valueOf(to));
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	private List<Partition> expiredPartitions(Connection connection, LocalDate firstKept) throws SQLException {
		// Pending detaches first: only one partition of a table may be pending at a time.
		try (PreparedStatement statement = connection.prepareStatement("SELECT partition_name, attached, "
				+ "detach_pending FROM tracking_partitions WHERE day < ? ORDER BY detach_pending DESC, day")) {
			statement.setDate(1, Date.valueOf(firstKept));
			List<Partition> partitions = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					partitions.add(new Partition(rows.getString(1), rows.getBoolean(2), rows.getBoolean(3)));
				}
			}
			return partitions;
		}
	}

	private void detachAndDrop(Connection connection, Partition partition) throws SQLException {
		String name = quote(partition.name());
		if (partition.detachPending()) {
			execute(connection, "ALTER TABLE request_events DETACH PARTITION " + name + " FINALIZE");
		}
		else if (partition.attached()) {
			execute(connection, "ALTER TABLE request_events DETACH PARTITION " + name + " CONCURRENTLY");
		}
		execute(connection, "DROP TABLE IF EXISTS " + name);
		logger.debug("Dropped expired partition '{}'", partition.name());
	}

	private boolean tryLock(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
			result.next();
			return result.getBoolean(1);
		}
	}

	private void unlock(Connection connection) {
		try {
			execute(connection, "RESET lock_timeout");
			execute(connection, "SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
		}
		catch (SQLException ex) {
			// The server releases a session lock when the session ends; closing the
			// broken
			// connection (the pool does so) is enough.
			logger.debug("Could not release the partition maintenance lock", ex);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private record Partition(String name, boolean attached, boolean detachPending) {

	}

}

package io.github.requesttracking.consumer.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes the rollups of the last hours from raw events, the hour and day rollups that
 * overlap them and the map coordinates of the places seen, then deletes rollup rows older
 * than their retention, through {@code tracking_refresh_rollups},
 * {@code tracking_refresh_coarse_rollups}, {@code tracking_refresh_place_coordinates} and
 * {@code tracking_delete_expired_rollups}. Recomputing and upserting is idempotent, so
 * redelivered events are never counted twice. Like partition maintenance, only one
 * instance refreshes at a time (a session-level advisory lock on a pinned connection); a
 * concurrent refresh would be harmless but wasted work.
 */
class RollupRefresher {

	/** Advisory lock key: the bytes of "tracking" followed by 2. */
	static final long LOCK_KEY = 0x747261636b696e02L;

	private static final Logger logger = LoggerFactory.getLogger(RollupRefresher.class);

	private final DataSource dataSource;

	private final AnalyticsProperties.Rollup properties;

	private final Clock clock;

	RollupRefresher(DataSource dataSource, AnalyticsProperties.Rollup properties, Clock clock) {
		this.dataSource = dataSource;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Refresh once, or skip when another instance is refreshing.
	 * @return what the refresh did
	 * @throws SQLException if the database fails
	 */
	RollupRefresh refresh() throws SQLException {
		// Limitation: only the hours within the lookback are recomputed, so an event that
		// arrives later than the lookback after it occurred stays out of the rollups
		// until someone runs tracking_refresh_rollups for its range by hand.
		Instant now = this.clock.instant();
		long start = System.nanoTime();
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			if (!lock(connection, "pg_try_advisory_lock")) {
				logger.debug("Rollup refresh skipped: another instance holds the lock");
				return new RollupRefresh(now, false, 0, 0, Duration.ofNanos(System.nanoTime() - start));
			}
			try {
				Instant from = now.minus(this.properties.lookback());
				long written = call(connection, "SELECT tracking_refresh_rollups(?, ?)", from, now)
						+ call(connection, "SELECT tracking_refresh_coarse_rollups(?, ?)", from, now);
				call(connection, "SELECT tracking_refresh_place_coordinates(?, ?)", from, now);
				long deleted = call(connection, "SELECT tracking_delete_expired_rollups(?)",
						now.minus(this.properties.retention()));
				return new RollupRefresh(now, true, written, deleted, Duration.ofNanos(System.nanoTime() - start));
			}
			finally {
				lock(connection, "pg_advisory_unlock");
			}
		}
	}

	private static long call(Connection connection, String sql, Instant... times) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < times.length; i++) {
				statement.setObject(i + 1, OffsetDateTime.ofInstant(times[i], ZoneOffset.UTC));
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

	private static boolean lock(Connection connection, String function) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT " + function + "(" + LOCK_KEY + ")")) {
			result.next();
			return result.getBoolean(1);
		}
	}

	/**
	 * What one refresh did.
	 *
	 * @param startedAt when the refresh started
	 * @param acted whether this instance did the work
	 * @param written rollup rows inserted or updated
	 * @param deleted expired rollup rows deleted
	 * @param duration how long it took
	 */
	record RollupRefresh(Instant startedAt, boolean acted, long written, long deleted, Duration duration) {

	}

}

package io.github.requesttracking.examples.traffic;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads the summary of a run from {@code request_events} with plain SQL, so that it does
 * not depend on the rollups having been refreshed yet.
 */
final class AnalyticsQueries {

	private static final String EXAMPLES = "service IN ('user-management', 'note-management') AND occurred_at >= ?";

	private final GeneratorOptions options;

	AnalyticsQueries(GeneratorOptions options) {
		this.options = options;
	}

	/**
	 * Wait until the events of the run are stored, or the settle time is over, then read
	 * the summary.
	 * @param since when the run started
	 * @param expected how many requests were answered
	 * @param report receives waiting messages
	 * @return the summary
	 * @throws SQLException when the database cannot be read
	 * @throws InterruptedException when interrupted while waiting
	 */
	Summary read(Instant since, long expected, Consumer<String> report) throws SQLException, InterruptedException {
		try (Connection connection = DriverManager.getConnection(this.options.jdbcUrl(), this.options.databaseUser(),
				this.options.databasePassword())) {
			awaitStored(connection, since, expected, report);
			long[] totals = totals(connection, since);
			return new Summary(totals[0], totals[1], totals[2], totals[3], routes(connection, since),
					countries(connection, since));
		}
	}

	private void awaitStored(Connection connection, Instant since, long expected, Consumer<String> report)
			throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + this.options.settleTime().toNanos();
		long stored = totals(connection, since)[0];
		while (stored < expected && System.nanoTime() < deadline) {
			report.accept(String.format("Waiting for the consumer: %d of %d events stored", stored, expected));
			TimeUnit.SECONDS.sleep(1);
			stored = totals(connection, since)[0];
		}
		if (stored < expected) {
			report.accept(String.format(
					"Only %d of %d events stored after %ds: is the consumer running? "
							+ "(events may also be sampled or still queued)",
					stored, expected, this.options.settleTime().toSeconds()));
		}
	}

	private static long[] totals(Connection connection, Instant since) throws SQLException {
		String sql = "SELECT count(*), count(*) FILTER (WHERE status_code BETWEEN 400 AND 499), "
				+ "count(*) FILTER (WHERE status_code >= 500), count(*) FILTER (WHERE is_bot) "
				+ "FROM request_events WHERE " + EXAMPLES;
		try (PreparedStatement statement = prepare(connection, sql, since); ResultSet rows = statement.executeQuery()) {
			rows.next();
			return new long[] { rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4) };
		}
	}

	private static List<Summary.RouteLatency> routes(Connection connection, Instant since) throws SQLException {
		String sql = "SELECT service, method, coalesce(route, 'UNKNOWN'), count(*), "
				+ "percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms), "
				+ "count(*) FILTER (WHERE status_code >= 500) FROM request_events WHERE " + EXAMPLES
				+ " GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 3, 2 LIMIT 12";
		List<Summary.RouteLatency> routes = new ArrayList<>();
		try (PreparedStatement statement = prepare(connection, sql, since); ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				routes.add(new Summary.RouteLatency(rows.getString(1), rows.getString(2), rows.getString(3),
						rows.getLong(4), rows.getDouble(5), rows.getLong(6)));
			}
		}
		return routes;
	}

	private static List<Summary.CountryCount> countries(Connection connection, Instant since) throws SQLException {
		String sql = "SELECT coalesce(country_code, 'unknown'), count(*) FROM request_events WHERE " + EXAMPLES
				+ " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 8";
		List<Summary.CountryCount> countries = new ArrayList<>();
		try (PreparedStatement statement = prepare(connection, sql, since); ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				countries.add(new Summary.CountryCount(rows.getString(1), rows.getLong(2)));
			}
		}
		return countries;
	}

	private static PreparedStatement prepare(Connection connection, String sql, Instant since) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		statement.setTimestamp(1, Timestamp.from(since));
		statement.setQueryTimeout((int) Duration.ofSeconds(30).toSeconds());
		return statement;
	}

}

package io.github.requesttracking.consumer.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Latency;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Location;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.StatusCode;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Traffic;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.UserAgent;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the analytics answers through the SQL functions of the {@code tracking-db}
 * migrations ({@code tracking_traffic}, {@code tracking_route_latency},
 * {@code tracking_status_codes}, {@code tracking_top_locations},
 * {@code tracking_top_user_agents}), so that the API and analysts using SQL get the same
 * numbers.
 */
class AnalyticsRepository {

	private final JdbcTemplate jdbcTemplate;

	AnalyticsRepository(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	List<Traffic> traffic(AnalyticsQuery query, Granularity granularity) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_traffic(?::timestamptz, ?::timestamptz, ?, ?::text, ?::text)",
				(row, i) -> new Traffic(row.getObject(1, OffsetDateTime.class).toInstant(), row.getString(2),
						row.getString(3), row.getLong(4), row.getDouble(5), row.getLong(6), row.getDouble(7)),
				from(query), to(query), granularity.sqlName(), query.service(), query.route());
	}

	// Limitation: percentiles come from fixed histogram buckets (interpolated inside a
	// bucket
	// that is 30 to 50 percent wide) and count stored events unweighted, so they are
	// estimates,
	// unbiased only when the events of a route share one sample rate.
	List<Latency> latency(AnalyticsQuery query) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_route_latency(?::timestamptz, ?::timestamptz, ?::text, ?::text)",
				(row, i) -> new Latency(row.getString(1), row.getString(2), row.getLong(3), row.getDouble(4),
						row.getDouble(5), row.getDouble(6), row.getDouble(7), row.getDouble(8)),
				from(query), to(query), query.service(), query.route());
	}

	List<StatusCode> statusCodes(AnalyticsQuery query) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_status_codes(?::timestamptz, ?::timestamptz, ?::text, ?::text)",
				(row, i) -> new StatusCode(row.getInt(1), row.getLong(2), row.getDouble(3), row.getDouble(4)),
				from(query), to(query), query.service(), query.route());
	}

	List<Location> locations(AnalyticsQuery query, int limit) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_top_locations(?::timestamptz, ?::timestamptz, ?::text, ?::text, ?)",
				(row, i) -> new Location(known(row, 1), known(row, 2), known(row, 3), row.getLong(4), row.getDouble(5)),
				from(query), to(query), query.service(), query.route(), limit);
	}

	List<UserAgent> userAgents(AnalyticsQuery query, int limit) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_top_user_agents(?::timestamptz, ?::timestamptz, ?::text, ?::text, ?)",
				(row, i) -> new UserAgent(known(row, 1), known(row, 2), known(row, 3), row.getBoolean(4),
						row.getLong(5), row.getDouble(6)),
				from(query), to(query), query.service(), query.route(), limit);
	}

	/**
	 * Rollups store unknown values as empty text; the API answers null.
	 */
	private static @Nullable String known(ResultSet row, int column) throws SQLException {
		String value = row.getString(column);
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static OffsetDateTime from(AnalyticsQuery query) {
		return OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC);
	}

	private static OffsetDateTime to(AnalyticsQuery query) {
		return OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC);
	}

}

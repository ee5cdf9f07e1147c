package io.github.requesttracking.consumer.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Latency;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.LatencyPercentiles;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Location;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Outcomes;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Place;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Places;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Share;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.StatusCode;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.TopRoute;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Traffic;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.UserAgent;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.UserAgentBreakdown;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Reads the analytics answers through the SQL functions of the {@code tracking-db}
 * migrations ({@code tracking_traffic}, {@code tracking_route_latency},
 * {@code tracking_top_locations}, {@code tracking_top_user_agents}) and, for the
 * dashboard, of the {@code V12} migration ({@code tracking_outcomes},
 * {@code tracking_latency_over_time}, {@code tracking_top_routes},
 * {@code tracking_status_code_shares}, {@code tracking_top_places},
 * {@code tracking_user_agent_breakdown}), so that the API and analysts using SQL get the
 * same numbers.
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
	// bucket that is 30 to 50 percent wide) and count stored events unweighted, so they
	// are estimates, unbiased only when the events of a route share one sample rate.
	List<Latency> latency(AnalyticsQuery query) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_route_latency(?::timestamptz, ?::timestamptz, ?::text, ?::text)",
				(row, i) -> new Latency(row.getString(1), row.getString(2), row.getLong(3), row.getDouble(4),
						row.getDouble(5), row.getDouble(6), row.getDouble(7), row.getDouble(8)),
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

	List<Outcomes> outcomes(AnalyticsQuery query, Granularity granularity) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_outcomes(?::timestamptz, ?::timestamptz, ?, ?::text, ?::text)",
				(row, i) -> new Outcomes(instant(row, 1), row.getLong(2), row.getDouble(3), row.getDouble(4),
						row.getDouble(5), row.getDouble(6), row.getDouble(7), row.getDouble(8), row.getDouble(9)),
				from(query), to(query), granularity.sqlName(), query.service(), query.route());
	}

	List<LatencyPercentiles> latencyOverTime(AnalyticsQuery query, Granularity granularity) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_latency_over_time(?::timestamptz, ?::timestamptz, ?, ?::text, ?::text)",
				(row, i) -> new LatencyPercentiles(instant(row, 1), row.getLong(2), row.getDouble(3), row.getDouble(4),
						row.getDouble(5), row.getDouble(6)),
				from(query), to(query), granularity.sqlName(), query.service(), query.route());
	}

	List<TopRoute> topRoutes(AnalyticsQuery query, Granularity granularity, int limit) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_top_routes(?::timestamptz, ?::timestamptz, ?, ?::text, ?::text, ?)",
				(row, i) -> new TopRoute(row.getString(1), row.getString(2), row.getLong(3), row.getDouble(4),
						row.getDouble(5), row.getDouble(6)),
				from(query), to(query), granularity.sqlName(), query.service(), query.route(), limit);
	}

	List<StatusCode> statusCodes(AnalyticsQuery query, Granularity granularity) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_status_code_shares(?::timestamptz, ?::timestamptz, ?, ?::text, ?::text)",
				(row, i) -> new StatusCode(row.getInt(1), row.getLong(2), row.getDouble(3), row.getDouble(4)),
				from(query), to(query), granularity.sqlName(), query.service(), query.route());
	}

	Places places(AnalyticsQuery query, Granularity granularity, int limit) {
		List<Place> countries = new ArrayList<>();
		List<Place> cities = new ArrayList<>();
		this.jdbcTemplate.query(
				"SELECT * FROM tracking_top_places(?::timestamptz, ?::timestamptz, ?, ?::text, ?::text, ?)",
				(RowCallbackHandler) (row) -> {
					boolean country = row.getString(3) == null;
					Place place = new Place(known(row, 1), known(row, 2), known(row, 3), row.getLong(4),
							row.getDouble(5), row.getDouble(6), row.getObject(7, Double.class),
							row.getObject(8, Double.class));
					(country ? countries : cities).add(place);
				}, from(query), to(query), granularity.sqlName(), query.service(), query.route(), limit);
		return new Places(countries, cities);
	}

	UserAgentBreakdown userAgentBreakdown(AnalyticsQuery query, Granularity granularity, int limit) {
		Map<String, List<Share>> dimensions = new HashMap<>();
		this.jdbcTemplate.query(
				"SELECT * FROM tracking_user_agent_breakdown(?::timestamptz, ?::timestamptz, ?, ?::text, ?::text, ?)",
				(RowCallbackHandler) (row) -> dimensions.computeIfAbsent(row.getString(1), (key) -> new ArrayList<>())
					.add(new Share(known(row, 2), row.getLong(3), row.getDouble(4), row.getDouble(5))),
				from(query), to(query), granularity.sqlName(), query.service(), query.route(), limit);
		Share bots = dimensions.getOrDefault("bot", List.of())
			.stream()
			.filter((share) -> "true".equals(share.name()))
			.findFirst()
			.orElse(new Share("true", 0, 0, 0));
		return new UserAgentBreakdown(dimensions.getOrDefault("browser", List.of()),
				dimensions.getOrDefault("os", List.of()), dimensions.getOrDefault("device", List.of()),
				bots.weightedRequests(), bots.share());
	}

	private static Instant instant(ResultSet row, int column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
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

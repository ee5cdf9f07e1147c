package io.github.requesttracking.consumer.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Latency;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.LatencyPercentiles;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Location;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Outcomes;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Places;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.StatusCode;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.TopRoute;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.Traffic;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.UserAgent;
import io.github.requesttracking.consumer.analytics.AnalyticsAnswers.UserAgentBreakdown;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only analytics over the rollups. Every answer takes a range of bucket start times
 * {@code [from, to)} as ISO-8601 date-times (default: the last
 * {@code tracking.consumer.analytics.query.default-range} up to now) and optional
 * {@code service} and {@code route} filters. The answers behind the dashboard also take a
 * {@code granularity} that picks the rollup they read (minute, hour or day), so that a
 * 90-day view reads day rows; they count the buckets whose start lies in the range, and
 * at minute granularity are limited to
 * {@code tracking.consumer.analytics.query.max-minute-range}. Invalid input is answered
 * with 400 and a problem detail naming the reason.
 */
@RestController
@RequestMapping(path = "/api/analytics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Analytics",
		description = "Traffic, outcomes, errors, latency, routes, status codes, places and user agents")
class AnalyticsController {

	private final AnalyticsRepository repository;

	private final AnalyticsProperties.Query limits;

	private final Clock clock;

	AnalyticsController(AnalyticsRepository repository, AnalyticsProperties properties, ObjectProvider<Clock> clock) {
		this.repository = repository;
		this.limits = properties.query();
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@GetMapping("/traffic")
	@Operation(summary = "Requests and server error rate per minute, hour or day, service and route")
	List<Traffic> traffic(
			@Parameter(description = "First bucket start, inclusive (ISO-8601)") @RequestParam(
					required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@Parameter(description = "Last bucket start, exclusive (ISO-8601)") @RequestParam(
					required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@Parameter(description = "minute, hour or day") @RequestParam(defaultValue = "hour") String granularity,
			@Parameter(description = "Only this service") @RequestParam(required = false) @Nullable String service,
			@Parameter(description = "Only this route template") @RequestParam(
					required = false) @Nullable String route) {
		Granularity parsed = Granularity.parse(granularity);
		return this.repository.traffic(query(from, to, service, route, maxRange(parsed)), parsed);
	}

	@GetMapping("/latency")
	@Operation(summary = "Latency mean, p50, p95, p99 and max per service and route")
	List<Latency> latency(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@RequestParam(required = false) @Nullable String service,
			@RequestParam(required = false) @Nullable String route) {
		return this.repository.latency(query(from, to, service, route, this.limits.maxRange()));
	}

	@GetMapping("/status-codes")
	@Operation(summary = "Requests per status code with their weighted share")
	List<StatusCode> statusCodes(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@Parameter(description = "The rollup to read: minute (exact range), hour or day (buckets whose start "
					+ "lies in the range)") @RequestParam(defaultValue = "minute") String granularity,
			@RequestParam(required = false) @Nullable String service,
			@RequestParam(required = false) @Nullable String route) {
		return this.repository.statusCodes(query(from, to, service, route, this.limits.maxRange()),
				Granularity.parse(granularity));
	}

	@GetMapping("/outcomes")
	@Operation(summary = "Weighted requests per minute, hour or day split into 2xx, 3xx, 4xx and 5xx, "
			+ "with the server error rate")
	List<Outcomes> outcomes(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@Parameter(description = "minute, hour or day") @RequestParam(defaultValue = "hour") String granularity,
			@RequestParam(required = false) @Nullable String service,
			@RequestParam(required = false) @Nullable String route) {
		Granularity parsed = Granularity.parse(granularity);
		return this.repository.outcomes(query(from, to, service, route, maxRange(parsed)), parsed);
	}

	@GetMapping("/latency-over-time")
	@Operation(summary = "Latency p50, p95, p99 and max per minute, hour or day over the selected routes")
	List<LatencyPercentiles> latencyOverTime(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@Parameter(description = "minute, hour or day") @RequestParam(defaultValue = "hour") String granularity,
			@RequestParam(required = false) @Nullable String service,
			@RequestParam(required = false) @Nullable String route) {
		Granularity parsed = Granularity.parse(granularity);
		return this.repository.latencyOverTime(query(from, to, service, route, maxRange(parsed)), parsed);
	}

	@GetMapping("/routes")
	@Operation(summary = "Routes with the most weighted requests, with error rate and p95 latency")
	List<TopRoute> routes(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@Parameter(description = "The rollup to read: minute, hour or day") @RequestParam(
					defaultValue = "hour") String granularity,
			@RequestParam(required = false) @Nullable String service,
			@RequestParam(required = false) @Nullable String route,
			@Parameter(description = "How many rows to return") @RequestParam(defaultValue = "20") int limit) {
		Granularity parsed = Granularity.parse(granularity);
		return this.repository.topRoutes(query(from, to, service, route, maxRange(parsed)), parsed, limit(limit));
	}

	@GetMapping("/places")
	@Operation(summary = "Countries and cities with the most weighted requests, with coordinates for a map")
	Places places(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@Parameter(description = "The rollup to read: hour (also for minute) or day") @RequestParam(
					defaultValue = "hour") String granularity,
			@RequestParam(required = false) @Nullable String service,
			@RequestParam(required = false) @Nullable String route,
			@Parameter(description = "How many countries and cities to return") @RequestParam(
					defaultValue = "10") int limit) {
		Granularity parsed = Granularity.parse(granularity);
		return this.repository.places(query(from, to, service, route, maxRange(parsed)), parsed, limit(limit));
	}

	@GetMapping("/user-agent-breakdown")
	@Operation(summary = "Top browsers, operating systems and device classes, and the share of bots")
	UserAgentBreakdown userAgentBreakdown(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@Parameter(description = "The rollup to read: hour (also for minute) or day") @RequestParam(
					defaultValue = "hour") String granularity,
			@RequestParam(required = false) @Nullable String service,
			@RequestParam(required = false) @Nullable String route,
			@Parameter(description = "How many values of each dimension to return") @RequestParam(
					defaultValue = "10") int limit) {
		Granularity parsed = Granularity.parse(granularity);
		return this.repository.userAgentBreakdown(query(from, to, service, route, maxRange(parsed)), parsed,
				limit(limit));
	}

	@GetMapping("/locations")
	@Operation(summary = "Countries and cities with the most weighted requests (whole UTC hours)")
	List<Location> locations(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@RequestParam(required = false) @Nullable String service,
			@RequestParam(required = false) @Nullable String route,
			@Parameter(description = "How many rows to return") @RequestParam(defaultValue = "10") int limit) {
		return this.repository.locations(query(from, to, service, route, this.limits.maxRange()), limit(limit));
	}

	@GetMapping("/user-agents")
	@Operation(summary = "Browser, OS and device combinations with the most weighted requests (whole UTC hours)")
	List<UserAgent> userAgents(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@RequestParam(required = false) @Nullable String service,
			@RequestParam(required = false) @Nullable String route,
			@Parameter(description = "How many rows to return") @RequestParam(defaultValue = "10") int limit) {
		return this.repository.userAgents(query(from, to, service, route, this.limits.maxRange()), limit(limit));
	}

	private Duration maxRange(Granularity granularity) {
		return (granularity != Granularity.MINUTE) ? this.limits.maxRange() : this.limits.maxMinuteRange();
	}

	private AnalyticsQuery query(@Nullable OffsetDateTime from, @Nullable OffsetDateTime to, @Nullable String service,
			@Nullable String route, Duration maxRange) {
		Instant end = (to != null) ? to.toInstant() : this.clock.instant();
		Instant start = (from != null) ? from.toInstant() : end.minus(this.limits.defaultRange());
		return AnalyticsQuery.of(start, end, service, route, maxRange);
	}

	private int limit(int limit) {
		if (limit < 1 || limit > this.limits.maxLimit()) {
			throw new InvalidAnalyticsQueryException(
					"'limit' must be between 1 and " + this.limits.maxLimit() + ", but was " + limit);
		}
		return limit;
	}

}

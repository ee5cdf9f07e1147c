package io.github.requesttracking.consumer.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.github.requesttracking.consumer.pipeline.PipelineHealth;
import io.github.requesttracking.consumer.pipeline.PipelineReport;
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
 * Pipeline health beside the other analytics answers, with the same range rules: events
 * the publishers captured, published, confirmed, left out by sampling and dropped within
 * {@code [from, to)}, and the current depth of the work and dead-letter queues.
 */
@RestController
@RequestMapping(path = "/api/analytics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Analytics", description = "Traffic, errors, latency, status codes, locations and user agents")
class PipelineController {

	private final PipelineHealth health;

	private final AnalyticsProperties.Query limits;

	private final Clock clock;

	PipelineController(PipelineHealth health, AnalyticsProperties properties, ObjectProvider<Clock> clock) {
		this.health = health;
		this.limits = properties.query();
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@GetMapping("/pipeline")
	@Operation(summary = "Events captured, published, confirmed, sampled out and dropped per service within the "
			+ "range (whole UTC minutes), and the current depth of the work and dead-letter queues")
	PipelineReport pipeline(
			@Parameter(description = "Start of the range, inclusive (ISO-8601)") @RequestParam(
					required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@Parameter(description = "End of the range, exclusive (ISO-8601)") @RequestParam(
					required = false) @DateTimeFormat(iso = ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@Parameter(description = "Only this service") @RequestParam(required = false) @Nullable String service) {
		Instant end = (to != null) ? to.toInstant() : this.clock.instant();
		Instant start = (from != null) ? from.toInstant() : end.minus(this.limits.defaultRange());
		AnalyticsQuery query = AnalyticsQuery.of(start, end, service, null, this.limits.maxRange());
		return this.health.report(query.from(), query.to(), query.service());
	}

}

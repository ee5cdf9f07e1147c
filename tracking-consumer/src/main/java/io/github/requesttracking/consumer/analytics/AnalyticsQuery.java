package io.github.requesttracking.consumer.analytics;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The filter every analytics answer takes: rollup buckets starting in {@code [from, to)},
 * optionally of one service and one route.
 *
 * @param from the first instant, inclusive
 * @param to the last instant, exclusive
 * @param service the service to answer for, or {@code null} for all
 * @param route the route template to answer for, or {@code null} for all
 */
record AnalyticsQuery(Instant from, Instant to, @Nullable String service, @Nullable String route) {

	/**
	 * Validate a query.
	 * @param from the first instant
	 * @param to the last instant
	 * @param service the service or {@code null}
	 * @param route the route or {@code null}
	 * @param maxRange the longest range allowed
	 * @return the query
	 * @throws InvalidAnalyticsQueryException with the reason when the range is empty,
	 * reversed or too long
	 */
	static AnalyticsQuery of(Instant from, Instant to, @Nullable String service, @Nullable String route,
			Duration maxRange) {
		if (!from.isBefore(to)) {
			throw new InvalidAnalyticsQueryException(
					"'from' (" + from + ") must be before 'to' (" + to + "): the range is [from, to)");
		}
		if (Duration.between(from, to).compareTo(maxRange) > 0) {
			throw new InvalidAnalyticsQueryException("The range from " + from + " to " + to + " is longer than the "
					+ maxRange.toDays() + " days (" + maxRange + ") one call may ask for; ask for a shorter range "
					+ "or a coarser granularity");
		}
		return new AnalyticsQuery(from, to, blankToNull(service), blankToNull(route));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}

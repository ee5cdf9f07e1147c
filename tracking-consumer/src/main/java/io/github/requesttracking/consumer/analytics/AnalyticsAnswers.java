package io.github.requesttracking.consumer.analytics;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The answers of the analytics API. Weighted counts estimate real requests: each stored
 * event counts {@code 1 / sample_rate}. Server errors are status codes 500 to 599.
 */
final class AnalyticsAnswers {

	private AnalyticsAnswers() {
	}

	/**
	 * Requests of one service and route in one time bucket.
	 *
	 * @param bucketStart the start of the minute, hour or day (UTC)
	 * @param service the service
	 * @param route the route template, empty when unknown
	 * @param requests stored events
	 * @param weightedRequests estimated requests
	 * @param serverErrors stored events with a 5xx status
	 * @param errorRate weighted share of 5xx responses, from 0 to 1
	 */
	record Traffic(Instant bucketStart, String service, String route, long requests, double weightedRequests,
			long serverErrors, double errorRate) {

	}

	/**
	 * Latency of one service and route over the whole range, read from the summed latency
	 * histograms: percentiles are interpolated inside fixed buckets.
	 *
	 * @param service the service
	 * @param route the route template, empty when unknown
	 * @param requests stored events
	 * @param meanMs mean duration
	 * @param p50Ms median duration
	 * @param p95Ms 95th percentile
	 * @param p99Ms 99th percentile
	 * @param maxMs longest duration
	 */
	record Latency(String service, String route, long requests, double meanMs, double p50Ms, double p95Ms, double p99Ms,
			double maxMs) {

	}

	/**
	 * Requests that ended with one status code.
	 *
	 * @param statusCode the HTTP status code
	 * @param requests stored events
	 * @param weightedRequests estimated requests
	 * @param share weighted share of all requests in the answer, from 0 to 1
	 */
	record StatusCode(int statusCode, long requests, double weightedRequests, double share) {

	}

	/**
	 * Requests from one city (hour resolution).
	 *
	 * @param countryCode ISO country code, null when unknown
	 * @param country country name, null when unknown
	 * @param city city name, null when unknown
	 * @param requests stored events
	 * @param weightedRequests estimated requests
	 */
	record Location(@Nullable String countryCode, @Nullable String country, @Nullable String city, long requests,
			double weightedRequests) {

	}

	/**
	 * Requests from one kind of user agent (hour resolution).
	 *
	 * @param browserFamily browser family, null when unknown
	 * @param osFamily operating system family, null when unknown
	 * @param deviceClass device class, null when unknown
	 * @param bot whether the agent is a known bot
	 * @param requests stored events
	 * @param weightedRequests estimated requests
	 */
	record UserAgent(@Nullable String browserFamily, @Nullable String osFamily, @Nullable String deviceClass,
			boolean bot, long requests, double weightedRequests) {

	}

}

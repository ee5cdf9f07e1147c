package io.github.requesttracking.consumer.analytics;

import java.time.Instant;
import java.util.List;

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

	/**
	 * Weighted requests of one time bucket split by outcome class.
	 *
	 * @param bucketStart the start of the minute, hour or day (UTC)
	 * @param requests stored events
	 * @param weightedRequests estimated requests
	 * @param successful estimated requests answered 2xx
	 * @param redirected estimated requests answered 3xx
	 * @param clientErrors estimated requests answered 4xx
	 * @param serverErrors estimated requests answered 5xx
	 * @param other estimated requests answered with any other status (1xx or invalid)
	 * @param errorRate weighted share of 5xx responses, from 0 to 1
	 */
	record Outcomes(Instant bucketStart, long requests, double weightedRequests, double successful, double redirected,
			double clientErrors, double serverErrors, double other, double errorRate) {

	}

	/**
	 * Latency percentiles of one time bucket over every selected route.
	 *
	 * @param bucketStart the start of the minute, hour or day (UTC)
	 * @param requests stored events
	 * @param p50Ms median duration
	 * @param p95Ms 95th percentile
	 * @param p99Ms 99th percentile
	 * @param maxMs longest duration
	 */
	record LatencyPercentiles(Instant bucketStart, long requests, double p50Ms, double p95Ms, double p99Ms,
			double maxMs) {

	}

	/**
	 * One of the routes with the most weighted requests.
	 *
	 * @param service the service
	 * @param route the route template, empty when unknown
	 * @param requests stored events
	 * @param weightedRequests estimated requests
	 * @param errorRate weighted share of 5xx responses, from 0 to 1
	 * @param p95Ms 95th percentile of the duration
	 */
	record TopRoute(String service, String route, long requests, double weightedRequests, double errorRate,
			double p95Ms) {

	}

	/**
	 * The countries and the cities with the most weighted requests.
	 *
	 * @param countries countries, most requests first
	 * @param cities cities, most requests first
	 */
	record Places(List<Place> countries, List<Place> cities) {

		Places {
			countries = List.copyOf(countries);
			cities = List.copyOf(cities);
		}

	}

	/**
	 * Requests from one country or one city, with where to draw it on a map.
	 *
	 * @param countryCode ISO country code, null when unknown
	 * @param country country name, null when unknown
	 * @param city city name, null for a country or an unknown city
	 * @param requests stored events
	 * @param weightedRequests estimated requests
	 * @param share weighted share of all requests, from 0 to 1
	 * @param latitude mean latitude of the place's events, null when unknown
	 * @param longitude mean longitude of the place's events, null when unknown
	 */
	record Place(@Nullable String countryCode, @Nullable String country, @Nullable String city, long requests,
			double weightedRequests, double share, @Nullable Double latitude, @Nullable Double longitude) {

	}

	/**
	 * Browsers, operating systems and device classes with the most weighted requests, and
	 * the share of bots.
	 *
	 * @param browsers browser families, most requests first
	 * @param operatingSystems operating system families, most requests first
	 * @param devices device classes, most requests first
	 * @param botRequests estimated requests from known bots
	 * @param botShare weighted share of requests from known bots, from 0 to 1
	 */
	record UserAgentBreakdown(List<Share> browsers, List<Share> operatingSystems, List<Share> devices,
			double botRequests, double botShare) {

		UserAgentBreakdown {
			browsers = List.copyOf(browsers);
			operatingSystems = List.copyOf(operatingSystems);
			devices = List.copyOf(devices);
		}

	}

	/**
	 * Requests with one value of a dimension.
	 *
	 * @param name the value, null when unknown
	 * @param requests stored events
	 * @param weightedRequests estimated requests
	 * @param share weighted share of all requests, from 0 to 1
	 */
	record Share(@Nullable String name, long requests, double weightedRequests, double share) {

	}

}

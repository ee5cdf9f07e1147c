package io.github.requesttracking.consumer.enrichment;

import org.jspecify.annotations.Nullable;

/**
 * What is kept of a user agent; the raw string itself is not stored.
 *
 * @param browserFamily browser or client name, such as {@code Chrome} or {@code Curl}
 * @param browserMajor major version of the browser
 * @param osFamily operating system name, such as {@code Android}
 * @param deviceClass {@code desktop}, {@code mobile}, {@code tablet}, {@code bot} or
 * {@code other}
 * @param bot whether the client is a crawler, monitor, script or attack tool
 */
record ParsedUserAgent(@Nullable String browserFamily, @Nullable String browserMajor, @Nullable String osFamily,
		@Nullable String deviceClass, @Nullable Boolean bot) {

	static final ParsedUserAgent UNKNOWN = new ParsedUserAgent(null, null, null, null, null);

}

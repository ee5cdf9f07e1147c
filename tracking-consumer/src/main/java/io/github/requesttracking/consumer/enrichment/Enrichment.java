package io.github.requesttracking.consumer.enrichment;

import org.jspecify.annotations.Nullable;

/**
 * What the consumer derives from an event, stored next to it. Every field is {@code null}
 * when it could not be derived.
 *
 * @param countryCode ISO 3166-1 alpha-2 code of the client's country
 * @param country English name of the client's country
 * @param city English name of the client's city
 * @param latitude approximate latitude of the client
 * @param longitude approximate longitude of the client
 * @param browserFamily browser family parsed from the user agent, such as {@code Chrome}
 * @param browserMajor browser major version parsed from the user agent
 * @param osFamily operating system family parsed from the user agent
 * @param deviceClass {@code desktop}, {@code mobile}, {@code tablet}, {@code bot} or
 * {@code other}
 * @param bot whether the user agent is a known crawler, monitor or script
 */
public record Enrichment(@Nullable String countryCode, @Nullable String country, @Nullable String city,
		@Nullable Double latitude, @Nullable Double longitude, @Nullable String browserFamily,
		@Nullable String browserMajor, @Nullable String osFamily, @Nullable String deviceClass, @Nullable Boolean bot) {

	/**
	 * Nothing derived.
	 */
	public static final Enrichment NONE = new Enrichment(null, null, null, null, null, null, null, null, null, null);

}

package io.github.requesttracking.consumer.enrichment;

import org.jspecify.annotations.Nullable;

/**
 * Where an address is, as far as a lookup could tell; every field may be {@code null}.
 *
 * @param countryCode ISO 3166-1 alpha-2 country code
 * @param country English country name
 * @param city English city name
 * @param latitude latitude rounded to two decimals (about one kilometre)
 * @param longitude longitude rounded to two decimals
 */
record GeoLocation(@Nullable String countryCode, @Nullable String country, @Nullable String city,
		@Nullable Double latitude, @Nullable Double longitude) {

	static final GeoLocation UNKNOWN = new GeoLocation(null, null, null, null, null);

	GeoLocation {
		latitude = round(latitude);
		longitude = round(longitude);
	}

	boolean known() {
		return this.countryCode != null || this.latitude != null;
	}

	private static @Nullable Double round(@Nullable Double degrees) {
		return (degrees != null) ? Math.round(degrees * 100) / 100.0 : null;
	}

}

package io.github.requesttracking.testsupport.geo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A record shaped like one of MaxMind's GeoLite2 City database, with English names only.
 * Absent parts are left out of the written record, as in the real database.
 *
 * @param countryIsoCode two-letter country code, written as {@code country.iso_code}
 * @param countryName English country name, written as {@code country.names.en}
 * @param cityName English city name, {@code city.names.en}, or {@code null} for none
 * @param latitude {@code location.latitude}, or {@code null} with no location
 * @param longitude {@code location.longitude}, or {@code null} with no location
 * @param accuracyRadius {@code location.accuracy_radius} in kilometres, or {@code null}
 * @param continentCode two-letter continent code, {@code continent.code}, or {@code null}
 * @param continentName English continent name, {@code continent.names.en}, or
 * {@code null}
 */
public record CityRecord(String countryIsoCode, String countryName, @Nullable String cityName,
		@Nullable Double latitude, @Nullable Double longitude, @Nullable Integer accuracyRadius,
		@Nullable String continentCode, @Nullable String continentName) {

	public CityRecord {
		Objects.requireNonNull(countryIsoCode, "countryIsoCode must not be null");
		Objects.requireNonNull(countryName, "countryName must not be null");
		if ((latitude == null) != (longitude == null)) {
			throw new IllegalArgumentException("Give both latitude and longitude, or neither");
		}
	}

	/**
	 * Creates a record that knows only the country.
	 * @param isoCode two-letter country code
	 * @param name English country name
	 * @return the record
	 */
	public static CityRecord of(String isoCode, String name) {
		return new CityRecord(isoCode, name, null, null, null, null, null, null);
	}

	/**
	 * Returns a copy with a city.
	 * @param name English city name
	 * @return the copy
	 */
	public CityRecord withCity(String name) {
		return new CityRecord(this.countryIsoCode, this.countryName, name, this.latitude, this.longitude,
				this.accuracyRadius, this.continentCode, this.continentName);
	}

	/**
	 * Returns a copy with a location.
	 * @param latitude latitude in degrees
	 * @param longitude longitude in degrees
	 * @param accuracyRadius radius in kilometres around the point
	 * @return the copy
	 */
	public CityRecord withLocation(double latitude, double longitude, int accuracyRadius) {
		return new CityRecord(this.countryIsoCode, this.countryName, this.cityName, latitude, longitude, accuracyRadius,
				this.continentCode, this.continentName);
	}

	/**
	 * Returns a copy with a continent.
	 * @param code two-letter continent code such as {@code EU}
	 * @param name English continent name
	 * @return the copy
	 */
	public CityRecord withContinent(String code, String name) {
		return new CityRecord(this.countryIsoCode, this.countryName, this.cityName, this.latitude, this.longitude,
				this.accuracyRadius, code, name);
	}

	/**
	 * Returns the record as the map written to the database, keyed like GeoLite2 City.
	 * @return the record as nested maps
	 */
	public Map<String, Object> toMap() {
		Map<String, Object> record = new LinkedHashMap<>();
		if (this.cityName != null) {
			record.put("city", Map.of("names", Map.of("en", this.cityName)));
		}
		if (this.continentCode != null) {
			Map<String, Object> continent = new LinkedHashMap<>();
			continent.put("code", this.continentCode);
			if (this.continentName != null) {
				continent.put("names", Map.of("en", this.continentName));
			}
			record.put("continent", continent);
		}
		Map<String, Object> country = new LinkedHashMap<>();
		country.put("iso_code", this.countryIsoCode);
		country.put("names", Map.of("en", this.countryName));
		record.put("country", country);
		if (this.latitude != null && this.longitude != null) {
			Map<String, Object> location = new LinkedHashMap<>();
			if (this.accuracyRadius != null) {
				location.put("accuracy_radius", this.accuracyRadius);
			}
			location.put("latitude", this.latitude);
			location.put("longitude", this.longitude);
			record.put("location", location);
		}
		record.put("registered_country", country);
		return record;
	}

}

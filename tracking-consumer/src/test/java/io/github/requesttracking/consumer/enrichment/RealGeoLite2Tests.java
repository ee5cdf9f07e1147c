package io.github.requesttracking.consumer.enrichment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Geolocation against the real GeoLite2 City database, when
 * {@code scripts/fetch-geolite2.sh} has put it in {@code data/} (or {@code GEOLITE2_CITY}
 * names it). Asserts shapes rather than cities, which move between releases.
 */
class RealGeoLite2Tests {

	private static GeoDatabase database;

	private static DefaultEventEnricher enricher;

	@BeforeAll
	static void openRealDatabase() {
		Path file = locate();
		if (file == null) {
			System.out.println("RealGeoLite2Tests skipped: no GeoLite2-City.mmdb in data/; run "
					+ "scripts/fetch-geolite2.sh or set GEOLITE2_CITY to test against the real database");
		}
		assumeTrue(file != null, "GeoLite2-City.mmdb not present; run scripts/fetch-geolite2.sh");
		database = new GeoDatabase(TestGeoDatabases.properties(file));
		database.start();
		enricher = new DefaultEventEnricher(database, null, null, new SimpleMeterRegistry());
	}

	@AfterAll
	static void closeRealDatabase() {
		if (database != null) {
			database.close();
		}
	}

	@Test
	void loadsAGeoLite2CityDatabase() {
		assertThat(database.loaded().databaseType()).isEqualTo("GeoLite2-City");
	}

	@Test
	void placesAnAnonymizedUnitedStatesAddress() {
		GeoLocation location = enricher.locate("8.8.8.0");

		assertThat(location.countryCode()).isEqualTo("US");
		assertThat(location.latitude()).isBetween(-90.0, 90.0);
		assertThat(location.longitude()).isBetween(-180.0, 180.0);
	}

	@Test
	void placesAnAnonymizedBritishAddress() {
		GeoLocation location = enricher.locate("81.2.69.0");

		assertThat(location.countryCode()).isEqualTo("GB");
		assertThat(location.country()).isEqualTo("United Kingdom");
	}

	@Test
	void placesAnAnonymizedIpv6Network() {
		GeoLocation location = enricher.locate("2001:4860:4860::");

		assertThat(location.countryCode()).matches("[A-Z]{2}");
		assertThat(location.country()).isNotBlank();
	}

	@Test
	void leavesPrivateAddressesEmpty() {
		assertThat(enricher.locate("10.10.10.0")).isEqualTo(GeoLocation.UNKNOWN);
	}

	private static Path locate() {
		String configured = System.getenv("GEOLITE2_CITY");
		return Stream.of(configured, "data/GeoLite2-City.mmdb", "../data/GeoLite2-City.mmdb")
			.filter((name) -> name != null && !name.isBlank())
			.map(Path::of)
			.filter(Files::isRegularFile)
			.findFirst()
			.orElse(null);
	}

}

package io.github.requesttracking.consumer.enrichment;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.maxmind.db.Reader.FileMode;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.testsupport.geo.CityRecord;
import io.github.requesttracking.testsupport.geo.MmdbWriter;
import org.jspecify.annotations.Nullable;

/**
 * Small GeoLite2 City shaped databases and events for the enrichment tests.
 */
final class TestGeoDatabases {

	static final Instant BUILT = Instant.parse("2026-11-02T10:15:30Z");

	static final CityRecord CHANGCHUN = CityRecord.of("CN", "China")
		.withCity("Changchun")
		.withLocation(43.88, 125.3228, 50)
		.withContinent("AS", "Asia");

	static final CityRecord JAPAN = CityRecord.of("JP", "Japan").withLocation(35.69, 139.69, 100);

	static final CityRecord NORWAY = CityRecord.of("NO", "Norway").withLocation(62.0, 10.0, 100);

	private TestGeoDatabases() {
	}

	/**
	 * A database with Changchun for 175.16.199.0/24, Japan for 2001:218::/32, and a
	 * country for every network that must never be looked up.
	 */
	static MmdbWriter cities() {
		CityRecord nowhere = CityRecord.of("ZZ", "Must not be looked up");
		return MmdbWriter.city()
			.buildTime(BUILT)
			.add("175.16.199.0/24", CHANGCHUN)
			.add("2001:218::/32", JAPAN)
			.add("10.0.0.0/8", nowhere)
			.add("172.16.0.0/12", nowhere)
			.add("192.168.0.0/16", nowhere)
			.add("127.0.0.0/8", nowhere)
			.add("169.254.0.0/16", nowhere)
			.add("100.64.0.0/10", nowhere)
			.add("::1/128", nowhere)
			.add("fe80::/10", nowhere)
			.add("fc00::/7", nowhere);
	}

	static GeoIpProperties properties(Path database) {
		return properties(database, Duration.ofMillis(200));
	}

	static GeoIpProperties properties(Path database, Duration closeGrace) {
		return new GeoIpProperties(database, FileMode.MEMORY, Duration.ofMillis(50), closeGrace, 4096);
	}

	static RequestEvent event(@Nullable String clientIp, @Nullable String userAgent) {
		return new RequestEvent(RequestEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), Instant.now(), "notes", "GET",
				"/api/notes", "/api/notes", null, clientIp, userAgent, null, null, null, 200, 3.5, 1.0);
	}

}

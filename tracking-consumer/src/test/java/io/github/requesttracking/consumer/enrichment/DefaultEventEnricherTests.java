package io.github.requesttracking.consumer.enrichment;

import java.nio.file.Path;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultEventEnricherTests {

	private static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	@TempDir
	Path directory;

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private GeoDatabase database;

	@AfterEach
	void closeDatabase() {
		this.database.close();
	}

	@Test
	void addsLocationAndParsedUserAgentToAnIpv4Event() {
		EventEnricher enricher = enricher(TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb")),
				SharedUserAgentParser.get());

		Enrichment enrichment = enricher.enrich(TestGeoDatabases.event("175.16.199.0", CHROME_ON_WINDOWS));

		assertThat(enrichment).isEqualTo(new Enrichment("CN", "China", "Changchun", 43.88, 125.32, "Chrome", "124",
				"Windows NT", "desktop", false));
	}

	@Test
	void geolocatesAnAnonymizedIpv6Address() {
		EventEnricher enricher = enricher(TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb")), null);

		Enrichment enrichment = enricher.enrich(TestGeoDatabases.event("2001:218:4a1::", null));

		assertThat(enrichment.countryCode()).isEqualTo("JP");
		assertThat(enrichment.country()).isEqualTo("Japan");
		assertThat(enrichment.city()).isNull();
		assertThat(enrichment.latitude()).isEqualTo(35.69);
		assertThat(enrichment.browserFamily()).isNull();
	}

	@Test
	void geolocatesAnIpv4MappedAddressAsIpv4() {
		EventEnricher enricher = enricher(TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb")), null);

		assertThat(enricher.enrich(TestGeoDatabases.event("::ffff:175.16.199.0", null)).city()).isEqualTo("Changchun");
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.1.2.0", "172.16.5.0", "192.168.1.0", "127.0.0.1", "169.254.10.0", "100.64.1.0", "::1",
			"fe80::", "fe80::1%eth0", "fd12:3456:789a::" })
	void neverLooksUpAddressesThatAreNotPubliclyRouted(String address) {
		EventEnricher enricher = enricher(TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb")), null);

		Enrichment enrichment = enricher.enrich(TestGeoDatabases.event(address, null));

		assertThat(enrichment).isEqualTo(Enrichment.NONE);
		assertThat(this.meterRegistry.find("tracking.consumer.geo.misses").counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "example.com", "not an address", "999.1.1.1", "" })
	void leavesLocationEmptyForClientIpsThatAreNotAddressLiterals(String clientIp) {
		EventEnricher enricher = enricher(TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb")), null);

		assertThat(enricher.enrich(TestGeoDatabases.event(clientIp, null))).isEqualTo(Enrichment.NONE);
	}

	@Test
	void countsPublicAddressesTheDatabaseDoesNotKnow() {
		EventEnricher enricher = enricher(TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb")), null);

		enricher.enrich(TestGeoDatabases.event("8.8.8.0", null));
		enricher.enrich(TestGeoDatabases.event("175.16.199.0", null));

		assertThat(this.meterRegistry.get("tracking.consumer.geo.misses").tag("reason", "not_found").counter().count())
			.isEqualTo(1);
	}

	@Test
	void storesEventsWithoutLocationAndCountsThemWhileTheDatabaseIsMissing() {
		EventEnricher enricher = enricher(this.directory.resolve("missing.mmdb"), null);

		Enrichment enrichment = enricher.enrich(TestGeoDatabases.event("175.16.199.0", null));

		assertThat(enrichment).isEqualTo(Enrichment.NONE);
		assertThat(
				this.meterRegistry.get("tracking.consumer.geo.misses").tag("reason", "no_database").counter().count())
			.isEqualTo(1);
	}

	private EventEnricher enricher(Path file, UserAgentParser userAgents) {
		this.database = new GeoDatabase(TestGeoDatabases.properties(file));
		this.database.start();
		return new DefaultEventEnricher(this.database, null, userAgents, this.meterRegistry);
	}

}

package io.github.requesttracking.consumer.enrichment;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichmentConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(EnrichmentConfiguration.class)
		.withPropertyValues("tracking.consumer.user-agent.enabled=false");

	@Test
	void geolocatesWithTheConfiguredDatabase() {
		Path file = TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb"));

		this.runner.withPropertyValues("tracking.consumer.geoip.database=" + file).run((context) -> {
			Enrichment enrichment = context.getBean(EventEnricher.class)
				.enrich(TestGeoDatabases.event("175.16.199.0", "curl/8.5.0"));

			assertThat(enrichment.countryCode()).isEqualTo("CN");
			assertThat(enrichment.browserFamily()).isNull();
			assertThat(context.getBean(GeoDatabaseHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void startsWithoutADatabaseAndReportsItsHealthAsUnknown() {
		this.runner.withPropertyValues("tracking.consumer.geoip.database=" + this.directory.resolve("none.mmdb"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(GeoDatabaseHealthIndicator.class).health().getStatus())
					.isEqualTo(Status.UNKNOWN);
			});
	}

	@Test
	void bindsDocumentedDefaults() {
		this.runner.run((context) -> {
			assertThat(context.getBean(GeoIpProperties.class).database()).isEqualTo(Path.of("data/GeoLite2-City.mmdb"));
			assertThat(context.getBean(GeoFallbackProperties.class).enabled()).isFalse();
			assertThat(context.getBean(GeoFallbackProperties.class).requestsPerMinute()).isEqualTo(45);
			assertThat(context.getBean(UserAgentProperties.class).maxLength()).isEqualTo(512);
		});
	}

	@Test
	void asksTheFallbackOnlyWhenEnabled() throws IOException {
		Path file = TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb"));
		try (IpApiStub stub = new IpApiStub()) {
			ApplicationContextRunner configured = this.runner.withPropertyValues(
					"tracking.consumer.geoip.database=" + file, "tracking.consumer.geo-fallback.url=" + stub.url());

			configured.run((context) -> assertThat(context.getBean(EventEnricher.class)
				.enrich(TestGeoDatabases.event("81.2.69.0", null))
				.countryCode()).isNull());
			assertThat(stub.requests()).isEmpty();

			configured.withPropertyValues("tracking.consumer.geo-fallback.enabled=true").run((context) -> {
				EventEnricher enricher = context.getBean(EventEnricher.class);
				assertThat(enricher.enrich(TestGeoDatabases.event("81.2.69.0", null)).countryCode()).isEqualTo("DE");
				assertThat(enricher.enrich(TestGeoDatabases.event("175.16.199.0", null)).countryCode()).isEqualTo("CN");
			});
			assertThat(stub.requests()).containsExactly("/json/81.2.69.0");
		}
	}

}

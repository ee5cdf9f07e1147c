package io.github.requesttracking.consumer.enrichment;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires enrichment: the shared GeoIP database, the optional ip-api.com fallback, the
 * user-agent parser, the enricher the ingest path calls, and the health of the GeoIP
 * database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ GeoIpProperties.class, UserAgentProperties.class, GeoFallbackProperties.class })
class EnrichmentConfiguration {

	@Bean(initMethod = "start", destroyMethod = "close")
	GeoDatabase geoDatabase(GeoIpProperties properties) {
		return new GeoDatabase(properties);
	}

	@Bean
	EventEnricher eventEnricher(GeoDatabase database, UserAgentProperties userAgentProperties,
			GeoFallbackProperties fallbackProperties, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<Clock> clock) {
		MeterRegistry registry = meterRegistry.getIfAvailable(SimpleMeterRegistry::new);
		GeoFallback fallback = fallbackProperties.enabled()
				? new GeoFallback(fallbackProperties, clock.getIfAvailable(Clock::systemUTC), registry) : null;
		UserAgentParser userAgents = userAgentProperties.enabled() ? new UserAgentParser(userAgentProperties) : null;
		return new DefaultEventEnricher(database, fallback, userAgents, registry);
	}

	@Bean
	GeoDatabaseHealthIndicator geoDatabaseHealthIndicator(GeoDatabase database) {
		return new GeoDatabaseHealthIndicator(database);
	}

}

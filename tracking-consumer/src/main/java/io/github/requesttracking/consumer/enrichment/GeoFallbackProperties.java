package io.github.requesttracking.consumer.enrichment;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the optional ip-api.com lookup for public addresses that the GeoIP database
 * does not know. Off by default: it sends the anonymized address in clear text to a third
 * party, and the free service is for non-commercial use only.
 *
 * @param enabled whether addresses unknown to the database are sent to the service
 * @param url base URL of the JSON endpoint; the address is appended to it
 * @param requestsPerMinute requests sent per minute at most; the free service allows 45
 * @param connectTimeout how long connecting to the service may take
 * @param timeout how long one lookup may take in all before the event is stored without
 * it
 * @param errorPause how long lookups are skipped after the service failed or timed out
 * @param cacheSize how many addresses keep their answer, found or not
 * @param cacheTtl how long an answer is kept
 */
@ConfigurationProperties("tracking.consumer.geo-fallback")
public record GeoFallbackProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("http://ip-api.com/json/") URI url, @DefaultValue("45") int requestsPerMinute,
		@DefaultValue("300ms") Duration connectTimeout, @DefaultValue("500ms") Duration timeout,
		@DefaultValue("30s") Duration errorPause, @DefaultValue("10000") int cacheSize,
		@DefaultValue("6h") Duration cacheTtl) {

}

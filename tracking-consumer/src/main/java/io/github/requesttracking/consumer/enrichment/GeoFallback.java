package io.github.requesttracking.consumer.enrichment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks ip-api.com where an address is when the GeoIP database does not know it. Only the
 * network address (/24 of IPv4, /48 of IPv6) is sent. Requests stay under the configured
 * rate per minute, stop while the service reports its quota used up ({@code X-Rl: 0}
 * until {@code X-Ttl} seconds have passed) or after it failed, and answers are cached, so
 * that a lookup costs an event at most one short timeout.
 */
final class GeoFallback {

	private static final Logger logger = LoggerFactory.getLogger(GeoFallback.class);

	private static final String FIELDS = "status,message,countryCode,country,city,lat,lon";

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final GeoFallbackProperties properties;

	private final HttpClient client;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private final Cache<String, GeoLocation> answers;

	// Limitation: the per-minute limit is counted per consumer instance, while ip-api.com
	// counts per public source address; several instances behind one address must split
	// the 45 requests between them through requests-per-minute.
	private Instant windowStart = Instant.EPOCH;

	private int sentInWindow;

	private Instant pausedUntil = Instant.EPOCH;

	private volatile boolean failureReported;

	GeoFallback(GeoFallbackProperties properties, Clock clock, MeterRegistry meterRegistry) {
		this.properties = properties;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
		this.client = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.answers = Caffeine.newBuilder()
			.maximumSize(properties.cacheSize())
			.expireAfterWrite(properties.cacheTtl())
			.build();
	}

	/**
	 * Looks up an address with the service.
	 * @param address a public address
	 * @return where it is, or {@link GeoLocation#UNKNOWN} when the service does not know,
	 * may not be asked right now, or failed
	 */
	GeoLocation locate(InetAddress address) {
		String network = ClientAddress.anonymize(address).getHostAddress();
		GeoLocation cached = this.answers.getIfPresent(network);
		if (cached != null) {
			count("cached");
			return cached;
		}
		if (!acquirePermit()) {
			count("rate_limited");
			return GeoLocation.UNKNOWN;
		}
		return request(network);
	}

	private GeoLocation request(String network) {
		HttpRequest request = HttpRequest.newBuilder(uri(network))
			.timeout(this.properties.timeout())
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			honourQuota(response);
			if (response.statusCode() != 200) {
				throw new IOException("HTTP status " + response.statusCode());
			}
			GeoLocation location = read(response.body());
			this.answers.put(network, location);
			this.failureReported = false;
			count(location.known() ? "found" : "not_found");
			return location;
		}
		catch (IOException | JacksonException ex) {
			pause(this.properties.errorPause());
			reportFailure(ex);
			return GeoLocation.UNKNOWN;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return GeoLocation.UNKNOWN;
		}
	}

	private URI uri(String network) {
		return URI.create(this.properties.url().toString() + network + "?fields=" + FIELDS);
	}

	private static GeoLocation read(String body) {
		JsonNode json = JsonMapper.shared().readTree(body);
		if (!"success".equals(json.path("status").asString(""))) {
			return GeoLocation.UNKNOWN;
		}
		return new GeoLocation(text(json, "countryCode"), text(json, "country"), text(json, "city"),
				number(json, "lat"), number(json, "lon"));
	}

	private static @Nullable String text(JsonNode json, String field) {
		JsonNode value = json.get(field);
		return (value != null && value.isString() && !value.asString().isEmpty()) ? value.asString() : null;
	}

	private static @Nullable Double number(JsonNode json, String field) {
		JsonNode value = json.get(field);
		return (value != null && value.isNumber()) ? value.asDouble() : null;
	}

	private synchronized boolean acquirePermit() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.pausedUntil)) {
			return false;
		}
		if (!now.isBefore(this.windowStart.plus(WINDOW))) {
			this.windowStart = now;
			this.sentInWindow = 0;
		}
		if (this.sentInWindow >= this.properties.requestsPerMinute()) {
			return false;
		}
		this.sentInWindow++;
		return true;
	}

	private void honourQuota(HttpResponse<?> response) {
		OptionalLong remaining = header(response, "X-Rl");
		OptionalLong secondsToReset = header(response, "X-Ttl");
		if (response.statusCode() == 429 || (remaining.isPresent() && remaining.getAsLong() <= 0)) {
			pause(Duration.ofSeconds(secondsToReset.orElse(WINDOW.toSeconds())));
		}
	}

	private static OptionalLong header(HttpResponse<?> response, String name) {
		try {
			return response.headers()
				.firstValue(name)
				.map((value) -> OptionalLong.of(Long.parseLong(value.strip())))
				.orElse(OptionalLong.empty());
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	private synchronized void pause(Duration duration) {
		Instant until = this.clock.instant().plus(duration);
		if (until.isAfter(this.pausedUntil)) {
			this.pausedUntil = until;
		}
	}

	private void reportFailure(Exception ex) {
		count("failed");
		if (!this.failureReported) {
			this.failureReported = true;
			logger.warn("Geolocation fallback '{}' failed; skipping it for {} after each failure",
					this.properties.url(), this.properties.errorPause(), ex);
		}
		else {
			logger.debug("Geolocation fallback failed again", ex);
		}
	}

	private void count(String outcome) {
		this.meterRegistry.counter("tracking.consumer.geo.fallback.lookups", "outcome", outcome).increment();
	}

}

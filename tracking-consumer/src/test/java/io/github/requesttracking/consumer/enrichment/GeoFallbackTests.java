package io.github.requesttracking.consumer.enrichment;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeoFallbackTests {

	private final IpApiStub stub = new IpApiStub();

	private final MutableClock clock = new MutableClock();

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	GeoFallbackTests() throws IOException {
	}

	@AfterEach
	void stopStub() {
		this.stub.close();
	}

	@Test
	void returnsTheLocationTheServiceKnows() throws IOException {
		GeoLocation location = fallback(45).locate(InetAddress.getByName("81.2.69.0"));

		assertThat(location).isEqualTo(new GeoLocation("DE", "Germany", "Berlin", 52.52, 13.41));
	}

	@Test
	void sendsOnlyTheNetworkAddress() throws IOException {
		GeoFallback fallback = fallback(45);

		fallback.locate(InetAddress.getByName("81.2.69.142"));
		fallback.locate(InetAddress.getByName("2a02:cf40:1:2:3:4:5:6"));

		assertThat(this.stub.requests()).containsExactly("/json/81.2.69.0", "/json/2a02:cf40:1:0:0:0:0:0");
	}

	@Test
	void answersRepeatedAddressesFromTheCache() throws IOException {
		GeoFallback fallback = fallback(45);

		fallback.locate(InetAddress.getByName("81.2.69.0"));
		GeoLocation again = fallback.locate(InetAddress.getByName("81.2.69.7"));

		assertThat(again.countryCode()).isEqualTo("DE");
		assertThat(this.stub.requests()).hasSize(1);
	}

	@Test
	void cachesAddressesTheServiceDoesNotKnow() throws IOException {
		this.stub.answer(200, "{\"status\":\"fail\",\"message\":\"reserved range\"}", Map.of());
		GeoFallback fallback = fallback(45);

		assertThat(fallback.locate(InetAddress.getByName("192.0.2.0"))).isEqualTo(GeoLocation.UNKNOWN);
		assertThat(fallback.locate(InetAddress.getByName("192.0.2.0"))).isEqualTo(GeoLocation.UNKNOWN);
		assertThat(this.stub.requests()).hasSize(1);
	}

	@Test
	void sendsNoMoreThanTheConfiguredRequestsPerMinute() throws IOException {
		GeoFallback fallback = fallback(2);

		for (int i = 1; i <= 4; i++) {
			fallback.locate(InetAddress.getByName("81.2." + i + ".0"));
		}
		this.clock.advance(Duration.ofSeconds(61));
		fallback.locate(InetAddress.getByName("81.2.9.0"));

		assertThat(this.stub.requests()).containsExactly("/json/81.2.1.0", "/json/81.2.2.0", "/json/81.2.9.0");
		assertThat(this.meterRegistry.get("tracking.consumer.geo.fallback.lookups")
			.tag("outcome", "rate_limited")
			.counter()
			.count()).isEqualTo(2);
	}

	@Test
	void waitsForTheQuotaResetWhenTheServiceReportsNoRequestsLeft() throws IOException {
		this.stub.answer(200, "{\"status\":\"success\",\"countryCode\":\"GB\",\"country\":\"United Kingdom\"}",
				Map.of("X-Rl", "0", "X-Ttl", "20"));
		GeoFallback fallback = fallback(45);

		fallback.locate(InetAddress.getByName("81.2.1.0"));
		fallback.locate(InetAddress.getByName("81.2.2.0"));
		this.clock.advance(Duration.ofSeconds(21));
		fallback.locate(InetAddress.getByName("81.2.3.0"));

		assertThat(this.stub.requests()).containsExactly("/json/81.2.1.0", "/json/81.2.3.0");
	}

	@Test
	void pausesAfterTooManyRequests() throws IOException {
		this.stub.answer(429, "", Map.of("X-Rl", "0", "X-Ttl", "30"));
		GeoFallback fallback = fallback(45);

		assertThat(fallback.locate(InetAddress.getByName("81.2.1.0"))).isEqualTo(GeoLocation.UNKNOWN);
		fallback.locate(InetAddress.getByName("81.2.2.0"));

		assertThat(this.stub.requests()).hasSize(1);
	}

	@Test
	void givesUpAfterTheTimeoutAndSkipsTheServiceForTheErrorPause() throws IOException {
		this.stub.hang();
		GeoFallback fallback = fallback(45, Duration.ofMillis(300));

		long started = System.nanoTime();
		GeoLocation location = fallback.locate(InetAddress.getByName("81.2.1.0"));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		fallback.locate(InetAddress.getByName("81.2.2.0"));

		assertThat(location).isEqualTo(GeoLocation.UNKNOWN);
		assertThat(took).isLessThan(Duration.ofSeconds(2));
		assertThat(this.stub.requests()).hasSize(1);
		assertThat(this.meterRegistry.get("tracking.consumer.geo.fallback.lookups")
			.tag("outcome", "failed")
			.counter()
			.count()).isEqualTo(1);
	}

	private GeoFallback fallback(int requestsPerMinute) {
		return fallback(requestsPerMinute, Duration.ofSeconds(5));
	}

	private GeoFallback fallback(int requestsPerMinute, Duration timeout) {
		GeoFallbackProperties properties = new GeoFallbackProperties(true, this.stub.url(), requestsPerMinute,
				Duration.ofSeconds(1), timeout, Duration.ofSeconds(30), 100, Duration.ofHours(1));
		return new GeoFallback(properties, this.clock, this.meterRegistry);
	}

	/**
	 * A clock the test moves forward by hand.
	 */
	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-03T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}

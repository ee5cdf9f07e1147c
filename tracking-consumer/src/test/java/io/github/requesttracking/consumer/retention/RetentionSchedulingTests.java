package io.github.requesttracking.consumer.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.requesttracking.consumer.TestEnvironment;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer runs partition maintenance at start-up with the application's clock (here
 * 2030-01-10) and the configured retention, and publishes the run as gauges.
 */
@Import(TestEnvironment.CleanUp.class)
@DirtiesContext
@SpringBootTest(properties = { "tracking.consumer.retention.period=30d", "tracking.consumer.retention.ahead=2d",
		"tracking.consumer.analytics.rollup.enabled=false" })
class RetentionSchedulingTests {

	private static final TestEnvironment environment = new TestEnvironment("retentionjob", 0);

	@Autowired
	private MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		environment.register(registry);
	}

	@Test
	void maintainsPartitionsAtStartUpWithTheApplicationClock() {
		// 2029-12-11 (30 days back) to 2030-01-12 (2 ahead): 33 partitions; the ones the
		// migration created around the real date are all older and are dropped.
		await().atMost(Duration.ofSeconds(60))
			.until(() -> environment.count("SELECT count(*) FROM tracking_partitions"), (count) -> count == 33);

		assertThat(environment.count("SELECT count(*) FROM tracking_partitions WHERE day BETWEEN '2029-12-11' "
				+ "AND '2030-01-12' AND attached"))
			.isEqualTo(33);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.meterRegistry.get("tracking.retention.last.run.partitions.created").gauge().value())
				.isEqualTo(33));
		assertThat(this.meterRegistry.get("tracking.retention.last.run.partitions.dropped").gauge().value())
			.isEqualTo(9);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2030-01-10T06:00:00Z"), ZoneOffset.UTC);
		}

	}

}

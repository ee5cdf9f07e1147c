package io.github.requesttracking.starter.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.event.RequestEventCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryMetersTests {

	private final DeliveryStatistics statistics = new DeliveryStatistics();

	private final RabbitEventPublisher publisher = new RabbitEventPublisher(
			new PublisherSettings("localhost", 1, "guest", "guest", "/", "unused", null, 2, 10, Duration.ZERO, true, 10,
					3, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(100),
					Duration.ofSeconds(1), Duration.ofSeconds(1)),
			this.statistics);

	@Test
	void exposesCountersByReasonAndTheBufferSize() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new DeliveryMeters(this.statistics, this.publisher).bindTo(registry);

		for (int i = 0; i < 3; i++) {
			this.publisher.offer(event());
		}
		this.statistics.sampledOut();

		assertThat(registry.get("tracking.events.captured").functionCounter().count()).isEqualTo(3);
		assertThat(registry.get("tracking.events.dropped").tag("reason", "buffer_full").functionCounter().count())
			.isEqualTo(1);
		assertThat(registry.get("tracking.events.dropped").tag("reason", "rejected").functionCounter().count())
			.isZero();
		assertThat(registry.get("tracking.events.sampled.out").functionCounter().count()).isEqualTo(1);
		assertThat(registry.get("tracking.buffer.size").gauge().value()).isEqualTo(2);
		assertThat(registry.get("tracking.events.published").functionCounter().count()).isZero();
		assertThat(registry.get("tracking.events.confirmed").functionCounter().count()).isZero();
	}

	@Test
	void reportsDeliveryStateInHealthWithoutEverGoingDown() {
		this.publisher.offer(event());

		Health health = new DeliveryHealthIndicator(this.publisher, this.statistics).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("delivery", "STARTING")
			.containsEntry("buffered", 1)
			.containsEntry("captured", 1L);
	}

	private static RequestEvent event() {
		return new RequestEvent(1, UUID.randomUUID(), Instant.now(), "meters", "GET", "/", "root", Map.of(), null, null,
				null, null, null, 200, 1.0, 1.0);
	}

}

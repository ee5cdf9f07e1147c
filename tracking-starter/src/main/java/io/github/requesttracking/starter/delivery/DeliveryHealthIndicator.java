package io.github.requesttracking.starter.delivery;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the state of event delivery. It always reports UP: tracking is an observer, and
 * a broker outage must never take the service out of a load balancer. The details say
 * whether events are flowing.
 */
public class DeliveryHealthIndicator implements HealthIndicator {

	private final @Nullable RabbitEventPublisher publisher;

	private final DeliveryStatistics statistics;

	/**
	 * Create the indicator.
	 * @param publisher the publisher to report on, or {@code null} when the application
	 * replaced it with its own sink
	 * @param statistics the delivery counters
	 */
	public DeliveryHealthIndicator(@Nullable RabbitEventPublisher publisher, DeliveryStatistics statistics) {
		this.publisher = publisher;
		this.statistics = statistics;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		if (this.publisher != null) {
			health.withDetail("delivery", this.publisher.state().name())
				.withDetail("exchange", this.publisher.settings().exchange())
				.withDetail("buffered", this.publisher.bufferedEvents())
				.withDetail("unconfirmed", this.publisher.outstandingEvents());
		}
		return health.withDetail("captured", this.statistics.capturedCount())
			.withDetail("confirmed", this.statistics.confirmedCount())
			.withDetail("dropped", this.statistics.droppedCount())
			.build();
	}

}

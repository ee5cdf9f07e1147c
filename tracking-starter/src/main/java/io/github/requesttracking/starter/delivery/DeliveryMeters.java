package io.github.requesttracking.starter.delivery;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Publishes the delivery counters as Micrometer meters: {@code tracking.events.captured},
 * {@code tracking.events.published}, {@code tracking.events.confirmed},
 * {@code tracking.events.dropped} (tagged with {@code reason}),
 * {@code tracking.events.sampled.out} and the gauges {@code tracking.buffer.size} and
 * {@code tracking.events.unconfirmed}.
 */
public class DeliveryMeters implements MeterBinder {

	private final DeliveryStatistics statistics;

	private final @Nullable RabbitEventPublisher publisher;

	/**
	 * Create the binder.
	 * @param statistics the counters
	 * @param publisher the publisher whose buffer is measured, or {@code null} when the
	 * application replaced it with its own sink
	 */
	public DeliveryMeters(DeliveryStatistics statistics, @Nullable RabbitEventPublisher publisher) {
		this.statistics = statistics;
		this.publisher = publisher;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("tracking.events.captured", this.statistics, DeliveryStatistics::capturedCount)
			.description("Events handed to delivery")
			.register(registry);
		FunctionCounter.builder("tracking.events.published", this.statistics, DeliveryStatistics::publishedCount)
			.description("Events written to the broker, re-sends included")
			.register(registry);
		FunctionCounter.builder("tracking.events.confirmed", this.statistics, DeliveryStatistics::confirmedCount)
			.description("Events the broker confirmed")
			.register(registry);
		FunctionCounter.builder("tracking.events.sampled.out", this.statistics, DeliveryStatistics::sampledOutCount)
			.description("Requests not recorded because of sampling")
			.register(registry);
		for (DropReason reason : DropReason.values()) {
			FunctionCounter.builder("tracking.events.dropped", this.statistics, (stats) -> stats.droppedCount(reason))
				.description("Events that could not be delivered")
				.tag("reason", reason.tagValue())
				.register(registry);
		}
		if (this.publisher == null) {
			return;
		}
		Gauge.builder("tracking.buffer.size", this.publisher, RabbitEventPublisher::bufferedEvents)
			.description("Events waiting in the buffer")
			.register(registry);
		Gauge.builder("tracking.events.unconfirmed", this.publisher, RabbitEventPublisher::outstandingEvents)
			.description("Events sent or waiting to be sent again, not yet confirmed")
			.register(registry);
	}

}

package io.github.requesttracking.consumer.ingest;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of the ingest path.
 */
class IngestMetrics {

	private final Counter messagesReceived;

	private final Counter eventsReceived;

	private final Counter eventsStored;

	private final Counter duplicates;

	private final DistributionSummary batchSize;

	private final Timer storeLatency;

	IngestMetrics(MeterRegistry registry) {
		this.messagesReceived = Counter.builder("tracking.consumer.messages.received")
			.description("Messages consumed from the work queue")
			.register(registry);
		this.eventsReceived = Counter.builder("tracking.consumer.events.received")
			.description("Events read from consumed messages, valid or not")
			.register(registry);
		this.eventsStored = Counter.builder("tracking.consumer.events.stored")
			.description("Events inserted into request_events")
			.register(registry);
		this.duplicates = Counter.builder("tracking.consumer.events.duplicates")
			.description("Events ignored because their id was already stored")
			.register(registry);
		this.batchSize = DistributionSummary.builder("tracking.consumer.batch.size")
			.description("Events written per transaction")
			.register(registry);
		this.storeLatency = Timer.builder("tracking.consumer.store.latency")
			.description("Time to write one batch, commit included")
			.register(registry);
	}

	void received(int messages, int events) {
		this.messagesReceived.increment(messages);
		this.eventsReceived.increment(events);
	}

	void stored(int attempted, int inserted, long nanos) {
		this.batchSize.record(attempted);
		this.storeLatency.record(nanos, TimeUnit.NANOSECONDS);
		this.eventsStored.increment(inserted);
		this.duplicates.increment(attempted - inserted);
	}

}

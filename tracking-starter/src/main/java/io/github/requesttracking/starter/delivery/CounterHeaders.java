package io.github.requesttracking.starter.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.github.requesttracking.event.PublisherHeaders;

/**
 * Builds the {@link PublisherHeaders} of a message: the service, an instance id chosen
 * once per publisher, and the delivery counters as they are when the message is sent. So
 * that the consumer learns of drops during an outage from the first message after it.
 * Costs one small map per message, nothing per event.
 */
final class CounterHeaders {

	private static final DropReason[] REASONS = DropReason.values();

	private static final String[] DROPPED_NAMES = new String[REASONS.length];

	static {
		for (DropReason reason : REASONS) {
			DROPPED_NAMES[reason.ordinal()] = PublisherHeaders.dropped(reason.tagValue());
		}
	}

	private final DeliveryStatistics statistics;

	private final String service;

	private final String instance;

	CounterHeaders(DeliveryStatistics statistics, String service) {
		this(statistics, service, UUID.randomUUID().toString());
	}

	CounterHeaders(DeliveryStatistics statistics, String service, String instance) {
		this.statistics = statistics;
		this.service = service;
		this.instance = instance;
	}

	String instance() {
		return this.instance;
	}

	// Limitation: the counters travel only with messages, so what is dropped after the
	// last message of a process (at shutdown, or during an outage that lasts until the
	// process ends) never reaches the consumer; the process's own meters still count it.
	/**
	 * Return the headers for a message sent now.
	 * @return a new mutable map
	 */
	Map<String, Object> current() {
		Map<String, Object> headers = new HashMap<>(32);
		headers.put(PublisherHeaders.SERVICE, this.service);
		headers.put(PublisherHeaders.INSTANCE, this.instance);
		headers.put(PublisherHeaders.CAPTURED, this.statistics.capturedCount());
		headers.put(PublisherHeaders.PUBLISHED, this.statistics.publishedCount());
		headers.put(PublisherHeaders.CONFIRMED, this.statistics.confirmedCount());
		headers.put(PublisherHeaders.SAMPLED_OUT, this.statistics.sampledOutCount());
		for (DropReason reason : REASONS) {
			headers.put(DROPPED_NAMES[reason.ordinal()], this.statistics.droppedCount(reason));
		}
		return headers;
	}

}

package io.github.requesttracking.consumer.pipeline;

import java.util.Map;

/**
 * The latest counters of one publisher instance, as read from its newest message.
 *
 * @param service the service the instance belongs to
 * @param instance the random id of the publishing process
 * @param captured events handed to delivery
 * @param published events written to the broker
 * @param confirmed events the broker confirmed
 * @param sampledOut requests that sampling left out
 * @param dropped events dropped, per reason
 */
record PublisherSnapshot(String service, String instance, long captured, long published, long confirmed,
		long sampledOut, Map<String, Long> dropped) {

	PublisherSnapshot {
		dropped = Map.copyOf(dropped);
	}

}

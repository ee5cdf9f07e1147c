package io.github.requesttracking.consumer.pipeline;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The health of the pipeline for a range and service: what the publishers counted within
 * the range, and how many messages wait in the work and dead-letter queues now.
 *
 * @param publishers one entry per service whose publishers reported within the range
 * @param queue the work queue
 * @param deadLetterQueue the dead-letter queue
 */
public record PipelineReport(List<Publisher> publishers, Queue queue, DeadLetterQueue deadLetterQueue) {

	/**
	 * Copy the list.
	 */
	public PipelineReport {
		publishers = List.copyOf(publishers);
	}

	/**
	 * The increase of one service's publisher counters within the range, summed over its
	 * instances (processes; a restart is a new instance).
	 *
	 * @param service the service
	 * @param instances publisher instances that reported within the range
	 * @param captured events handed to delivery
	 * @param published events written to the broker, re-sends included
	 * @param confirmed events the broker confirmed
	 * @param sampledOut requests that sampling left out
	 * @param dropped events dropped for any reason
	 * @param droppedByReason events dropped, per reason ({@code buffer_full},
	 * {@code rejected}, {@code serialization}, {@code shutdown})
	 * @param lastSeen when new counters of the service were last written, or {@code null}
	 */
	public record Publisher(String service, long instances, long captured, long published, long confirmed,
			long sampledOut, long dropped, Map<String, Long> droppedByReason, @Nullable Instant lastSeen) {

		/**
		 * Copy the map, sorted by reason.
		 */
		public Publisher {
			droppedByReason = Collections.unmodifiableMap(new TreeMap<>(droppedByReason));
		}

	}

	/**
	 * The work queue as the broker reports it now.
	 *
	 * @param name the queue name
	 * @param messages messages ready for delivery, or {@code null} when the broker did
	 * not answer
	 * @param consumers consumers attached to it, or {@code null} when the broker did not
	 * answer
	 */
	public record Queue(String name, @Nullable Long messages, @Nullable Integer consumers) {

	}

	/**
	 * The dead-letter queue as the broker reports it now.
	 *
	 * @param name the queue name
	 * @param messages dead letters waiting, or {@code null} when the broker did not
	 * answer
	 */
	public record DeadLetterQueue(String name, @Nullable Long messages) {

	}

}

package io.github.requesttracking.consumer.pipeline;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Answers the pipeline health of a range: the publishers' counters from the database and
 * the queue depths from the broker.
 */
public class PipelineHealth {

	private final PublisherCounterRepository repository;

	private final BrokerQueues queues;

	PipelineHealth(PublisherCounterRepository repository, BrokerQueues queues) {
		this.repository = repository;
		this.queues = queues;
	}

	/**
	 * Report the pipeline health.
	 * @param from the first instant, inclusive
	 * @param to the last instant, exclusive
	 * @param service the only service to report, or {@code null} for all
	 * @return the report
	 */
	public PipelineReport report(Instant from, Instant to, @Nullable String service) {
		return new PipelineReport(this.repository.totals(from, to, service), this.queues.workQueue(),
				this.queues.deadLetterQueue());
	}

}

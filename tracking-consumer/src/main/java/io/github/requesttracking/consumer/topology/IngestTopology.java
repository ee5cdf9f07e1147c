package io.github.requesttracking.consumer.topology;

import io.github.requesttracking.consumer.ingest.ConsumerProperties;

/**
 * The names of the exchanges and queues the consumer uses, all derived from the work
 * queue's name except the publishers' exchange.
 *
 * @param exchange the fanout exchange publishers send events to
 * @param queue the work queue
 * @param deadLetterExchange the fanout exchange that feeds the dead-letter queue
 * @param deadLetterQueue the dead-letter queue
 * @param retryAttempts how many retry queues there are
 */
public record IngestTopology(String exchange, String queue, String deadLetterExchange, String deadLetterQueue,
		int retryAttempts) {

	/**
	 * Derive the names from the consumer settings.
	 * @param properties the consumer settings
	 * @return the names
	 */
	public static IngestTopology of(ConsumerProperties properties) {
		String queue = properties.queue();
		return new IngestTopology(properties.exchange(), queue, queue + ".dead-letter", queue + ".dead-letters",
				properties.retry().attempts());
	}

	/**
	 * Return the queue where a message waits before the given retry.
	 * @param attempt the retry number, starting at 1
	 * @return the queue name
	 */
	public String retryQueue(int attempt) {
		return this.queue + ".retry." + attempt;
	}

}

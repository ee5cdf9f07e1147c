package io.github.requesttracking.consumer.ingest;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest path: where events are read from, how they are batched, retried
 * and dead-lettered, and which events are accepted.
 *
 * @param exchange the fanout exchange publishers send events to
 * @param queue the durable work queue bound to the exchange; the retry and dead-letter
 * names are derived from it
 * @param prefetch how many unacknowledged messages the broker hands each consumer at once
 * @param concurrency how many consumers this instance runs on the work queue
 * @param batchSize how many messages are stored in one transaction at most; the prefetch
 * is raised to this value when it is lower
 * @param batchTimeout how long a consumer waits to fill a batch before storing what it
 * has
 * @param store how events are written to the database; {@code jdbc} by default because it
 * was faster than {@code jpa} in the consumer benchmark
 * @param retry retries of messages that failed for a reason that may pass
 * @param deadLetter the dead-letter queue
 * @param queueArguments queue arguments for production brokers
 * @param validation which events are accepted
 * @param outage behaviour while the database is unavailable
 */
@ConfigurationProperties("tracking.consumer")
public record ConsumerProperties(@DefaultValue("request_tracking") String exchange,
		@DefaultValue("request_tracking_queue") String queue, @DefaultValue("10") int prefetch,
		@DefaultValue("1") int concurrency, @DefaultValue("10") int batchSize,
		@DefaultValue("100ms") Duration batchTimeout, @DefaultValue("jdbc") StoreType store, @DefaultValue Retry retry,
		@DefaultValue DeadLetter deadLetter, @DefaultValue QueueArguments queueArguments,
		@DefaultValue Validation validation, @DefaultValue Outage outage) {

	/**
	 * How events are written.
	 */
	public enum StoreType {

		/**
		 * Hibernate stateless session, batched inserts that skip existing event ids.
		 */
		JPA,

		/**
		 * One JDBC statement per batch that inserts arrays of column values and skips
		 * existing event ids.
		 */
		JDBC

	}

	/**
	 * Broker-side retries: a failed message waits in a retry queue with a fixed
	 * time-to-live per attempt, then goes back to the work queue.
	 *
	 * @param attempts how many times a message is retried after its first failure
	 * @param initialDelay the wait before the first retry
	 * @param multiplier the factor applied to the wait for each further retry
	 */
	public record Retry(@DefaultValue("3") int attempts, @DefaultValue("5s") Duration initialDelay,
			@DefaultValue("3.0") double multiplier) {

		/**
		 * Return the wait before the given retry.
		 * @param attempt the retry number, starting at 1
		 * @return the delay
		 */
		public Duration delay(int attempt) {
			return Duration.ofMillis((long) (this.initialDelay.toMillis() * Math.pow(this.multiplier, attempt - 1)));
		}

	}

	/**
	 * The dead-letter queue.
	 *
	 * @param timeToLive how long a dead letter is kept before the broker discards it, so
	 * that personal data does not linger
	 * @param maxLength how many dead letters are kept at most, the oldest being discarded
	 * first; unlimited when not set
	 */
	public record DeadLetter(@DefaultValue("14d") Duration timeToLive, @Nullable Long maxLength) {

	}

	/**
	 * Arguments declared on the work queue. A queue that already exists with other
	 * arguments is refused by the broker; broker policies are the alternative that can be
	 * changed without redeclaring.
	 *
	 * @param type {@code classic} or {@code quorum}
	 * @param deliveryLimit how often a quorum queue redelivers a message before
	 * dead-lettering it; no limit when not set
	 * @param maxLength how many messages the work queue holds at most; unlimited when not
	 * set
	 * @param maxLengthBytes how many bytes of messages the work queue holds at most;
	 * unlimited when not set
	 * @param overflow what the broker does when the work queue is full:
	 * {@code reject-publish} (publishers get a negative confirm) or {@code drop-head}
	 */
	public record QueueArguments(@DefaultValue("classic") String type, @Nullable Integer deliveryLimit,
			@Nullable Long maxLength, @Nullable DataSize maxLengthBytes,
			@DefaultValue("reject-publish") String overflow) {

	}

	/**
	 * Which events are accepted; others are dead-lettered at once.
	 *
	 * @param maxAge the oldest event accepted, normally the retention window
	 * @param maxFutureSkew how far in the future an event's timestamp may be, to allow
	 * for clock differences between hosts
	 * @param maxDecompressedSize the largest a gzip-compressed message body may grow when
	 * decompressed; a larger one is dead-lettered as malformed
	 */
	public record Validation(@DefaultValue("90d") Duration maxAge, @DefaultValue("1h") Duration maxFutureSkew,
			@DefaultValue("16MB") DataSize maxDecompressedSize) {

	}

	/**
	 * Behaviour while the database is unavailable: consumption pauses and nothing is
	 * dead-lettered.
	 *
	 * @param probeInterval how long consumption stays paused before the database is
	 * probed again
	 */
	public record Outage(@DefaultValue("5s") Duration probeInterval) {

	}

}

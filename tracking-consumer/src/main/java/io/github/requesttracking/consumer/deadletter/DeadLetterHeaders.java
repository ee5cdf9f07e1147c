package io.github.requesttracking.consumer.deadletter;

/**
 * Headers the consumer sets on dead letters and on messages waiting for a retry.
 */
public final class DeadLetterHeaders {

	/**
	 * Why the message was dead-lettered, one of the {@link DeadLetterReason} values.
	 */
	public static final String REASON = "x-reason";

	/**
	 * Class name of the exception that made the last attempt fail.
	 */
	public static final String EXCEPTION = "x-exception";

	/**
	 * Message of the exception that made the last attempt fail, or the validation
	 * failure.
	 */
	public static final String EXCEPTION_MESSAGE = "x-exception-message";

	/**
	 * How many attempts failed.
	 */
	public static final String ATTEMPTS = "x-attempts";

	/**
	 * When the first attempt failed, ISO-8601 in UTC.
	 */
	public static final String FIRST_FAILURE = "x-first-failure";

	/**
	 * When the last attempt failed, ISO-8601 in UTC.
	 */
	public static final String LAST_FAILURE = "x-last-failure";

	/**
	 * The queue the message was consumed from.
	 */
	public static final String ORIGINAL_QUEUE = "x-original-queue";

	/**
	 * How often the message was replayed from the dead-letter queue.
	 */
	public static final String REPLAYS = "x-replays";

	private DeadLetterHeaders() {
	}

}

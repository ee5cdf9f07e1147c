package io.github.requesttracking.event;

/**
 * Thrown when a message cannot be read as a {@link RequestEvent}: it is not JSON, it was
 * written with an unsupported schema version, or a required field is missing or
 * malformed. Such a message can never succeed, so it should be dead-lettered without
 * retries.
 */
public class InvalidEventException extends RuntimeException {

	/**
	 * Create an exception with a reason that names the offending value.
	 * @param reason what is wrong with the message
	 */
	public InvalidEventException(String reason) {
		super(reason);
	}

	/**
	 * Create an exception with a reason and the underlying parse failure.
	 * @param reason what is wrong with the message
	 * @param cause the parse failure
	 */
	public InvalidEventException(String reason, Throwable cause) {
		super(reason, cause);
	}

}

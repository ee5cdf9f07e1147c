package io.github.requesttracking.consumer.deadletter;

/**
 * Why a message or an event was dead-lettered. The value is sent in the
 * {@link DeadLetterHeaders#REASON} header and tags the dead-letter meter.
 */
public enum DeadLetterReason {

	/**
	 * The body is not JSON, or not an event object or an array of them.
	 */
	MALFORMED("malformed"),

	/**
	 * The event was written with a schema version this consumer cannot read.
	 */
	SCHEMA_VERSION("schema-version"),

	/**
	 * A required field is missing.
	 */
	MISSING_FIELD("missing-field"),

	/**
	 * A field has a value of the wrong type or out of range.
	 */
	INVALID_FIELD("invalid-field"),

	/**
	 * The timestamp is older than the retention window or too far in the future.
	 */
	TIMESTAMP_OUT_OF_RANGE("timestamp-out-of-range"),

	/**
	 * The database refused a value, such as a client address that is not an address.
	 */
	INVALID_DATA("invalid-data"),

	/**
	 * Storing failed on every attempt.
	 */
	RETRIES_EXHAUSTED("retries-exhausted");

	private final String value;

	DeadLetterReason(String value) {
		this.value = value;
	}

	/**
	 * Return the value used in headers and meter tags.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

}

package io.github.requesttracking.consumer.ingest;

/**
 * Thrown instead of storing when the database is unavailable or consumption is paused
 * because of an outage. The messages concerned go back to the queue untouched.
 */
class DatabaseUnavailableException extends RuntimeException {

	DatabaseUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}

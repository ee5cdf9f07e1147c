package io.github.requesttracking.consumer.analytics;

/**
 * Thrown when an analytics call asks for something it may not; answered with 400 and the
 * message as the problem detail.
 */
class InvalidAnalyticsQueryException extends RuntimeException {

	InvalidAnalyticsQueryException(String message) {
		super(message);
	}

}

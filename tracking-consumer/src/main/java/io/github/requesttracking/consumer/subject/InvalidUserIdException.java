package io.github.requesttracking.consumer.subject;

/**
 * Thrown when a data subject request names no usable user id; answered with 400.
 */
class InvalidUserIdException extends RuntimeException {

	InvalidUserIdException(String message) {
		super(message);
	}

}

package io.github.requesttracking.starter.delivery;

import java.util.Locale;

/**
 * Why an event was not delivered.
 */
public enum DropReason {

	/**
	 * The buffer was full when the request finished.
	 */
	BUFFER_FULL,

	/**
	 * The broker refused the event more often than the attempt limit allows.
	 */
	REJECTED,

	/**
	 * The event could not be serialized.
	 */
	SERIALIZATION,

	/**
	 * The application shut down before the event could be delivered.
	 */
	SHUTDOWN;

	/**
	 * Return the tag value used in meters.
	 * @return the lower-case name
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}

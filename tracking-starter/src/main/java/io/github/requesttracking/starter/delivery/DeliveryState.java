package io.github.requesttracking.starter.delivery;

/**
 * The state of the connection events are published on.
 */
public enum DeliveryState {

	/**
	 * The publisher has not connected yet.
	 */
	STARTING,

	/**
	 * Connected; events are being published.
	 */
	CONNECTED,

	/**
	 * The broker cannot be reached; events wait in the buffer while the publisher
	 * reconnects.
	 */
	DISCONNECTED,

	/**
	 * The broker blocks publishing (memory or disk alarm); events wait in the buffer.
	 */
	BLOCKED,

	/**
	 * The publisher has shut down.
	 */
	STOPPED

}

package io.github.requesttracking.event;

/**
 * Names of the optional AMQP headers with which a publisher reports its delivery counters
 * on every message it sends. They are transport metadata beside the event contract: the
 * body is unchanged, a message without them is valid, and readers ignore headers they do
 * not know. Counters are {@code long} values counted since the publishing process
 * started, which it identifies with a random instance id; a restarted process starts
 * again from zero under a new id.
 */
public final class PublisherHeaders {

	/**
	 * The service that publishes, as configured in the starter.
	 */
	public static final String SERVICE = "x-tracking-service";

	/**
	 * Random id of the publishing process, chosen at start-up.
	 */
	public static final String INSTANCE = "x-tracking-instance";

	/**
	 * Events handed to delivery.
	 */
	public static final String CAPTURED = "x-tracking-captured";

	/**
	 * Events written to the broker before this message, re-sends included.
	 */
	public static final String PUBLISHED = "x-tracking-published";

	/**
	 * Events the broker confirmed.
	 */
	public static final String CONFIRMED = "x-tracking-confirmed";

	/**
	 * Requests that sampling left out.
	 */
	public static final String SAMPLED_OUT = "x-tracking-sampled-out";

	/**
	 * Prefix of the events dropped for one reason; the rest of the name is the reason, as
	 * in {@code x-tracking-dropped-buffer_full}.
	 */
	public static final String DROPPED_PREFIX = "x-tracking-dropped-";

	private PublisherHeaders() {
	}

	/**
	 * Return the name of the header counting the events dropped for a reason.
	 * @param reason the reason, as the publisher tags it in its meters
	 * @return the header name
	 */
	public static String dropped(String reason) {
		return DROPPED_PREFIX + reason;
	}

}

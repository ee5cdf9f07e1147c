package io.github.requesttracking.consumer.enrichment;

import io.github.requesttracking.event.RequestEvent;

/**
 * Adds what the consumer derives from an event before storing it: geolocation of the
 * client address and the parsed user agent. Called once per event on the consumer thread,
 * so implementations must be thread-safe, fast and must not throw for bad input (an
 * unknown address or user agent gives empty fields).
 */
@FunctionalInterface
public interface EventEnricher {

	/**
	 * Derive the stored extras of an event.
	 * @param event the event
	 * @return what could be derived, with {@code null} fields for what could not
	 */
	Enrichment enrich(RequestEvent event);

	/**
	 * Return an enricher that derives nothing.
	 * @return the enricher
	 */
	static EventEnricher none() {
		return (event) -> Enrichment.NONE;
	}

}

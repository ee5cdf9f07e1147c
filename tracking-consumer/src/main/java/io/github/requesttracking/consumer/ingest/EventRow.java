package io.github.requesttracking.consumer.ingest;

import java.time.Instant;
import java.util.UUID;

import io.github.requesttracking.consumer.enrichment.Enrichment;
import io.github.requesttracking.event.RequestEvent;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code request_events}, ready to be written.
 *
 * @param event the event as published
 * @param queryParamsJson the event's query parameters as a JSON object
 * @param receivedAt when the consumer stored the event
 * @param enrichment what the consumer derived from the event
 */
record EventRow(RequestEvent event, String queryParamsJson, Instant receivedAt, Enrichment enrichment) {

	UUID eventId() {
		return this.event.eventId();
	}

	Instant occurredAt() {
		return this.event.timestamp();
	}

	@Nullable String clientIp() {
		return this.event.clientIp();
	}

}

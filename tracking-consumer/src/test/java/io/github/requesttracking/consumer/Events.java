package io.github.requesttracking.consumer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.requesttracking.event.RequestEvent;

/**
 * Test events.
 */
public final class Events {

	private Events() {
	}

	/**
	 * Return a valid event with a new id, timestamped now.
	 * @return the event
	 */
	public static RequestEvent event() {
		return new RequestEvent(1, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), "notes", "GET",
				"/api/notes/42", "/api/notes/{id}", Map.of("page", List.of("2")), "81.2.69.0",
				"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "https://example.org/", null, "u-7", 200, 12.5, 1.0);
	}

	/**
	 * Return valid events with new ids.
	 * @param count how many
	 * @return the events
	 */
	public static List<RequestEvent> events(int count) {
		List<RequestEvent> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			events.add(event());
		}
		return events;
	}

}

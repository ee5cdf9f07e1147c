package io.github.requesttracking.event;

import org.jspecify.annotations.Nullable;

/**
 * One element of a decoded message: either a valid event or the reason the element was
 * rejected, together with the element's own JSON so that it can be dead-lettered alone.
 *
 * @param event the event, or {@code null} when the element is invalid
 * @param error why the element is invalid, or {@code null} when it is valid
 * @param json the element as JSON text
 */
public record DecodedEvent(@Nullable RequestEvent event, @Nullable InvalidEventException error, String json) {

	static DecodedEvent valid(RequestEvent event, String json) {
		return new DecodedEvent(event, null, json);
	}

	static DecodedEvent invalid(InvalidEventException error, String json) {
		return new DecodedEvent(null, error, json);
	}

	/**
	 * Whether the element decoded into an event.
	 * @return {@code true} when {@link #event()} is not {@code null}
	 */
	public boolean isValid() {
		return this.event != null;
	}

}

package io.github.requesttracking.starter.delivery;

import io.github.requesttracking.event.RequestEvent;

/**
 * Where the filter hands finished events. Implementations must return at once: they run
 * on the request thread and may neither block, open connections nor throw.
 */
@FunctionalInterface
public interface EventSink {

	/**
	 * Accept an event for delivery, or drop it.
	 * @param event the finished event
	 * @return {@code true} if the event was accepted, {@code false} if it was dropped
	 */
	boolean offer(RequestEvent event);

}

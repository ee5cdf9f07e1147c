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

	/**
	 * Drop the next event before it is built when it would be dropped anyway, because the
	 * sink is full or stopped: the filter then skips building it, which keeps a request
	 * as cheap as possible while delivery is down. The sink counts the event as captured
	 * and dropped, as {@link #offer(RequestEvent)} would.
	 * @return {@code true} if the event was dropped and must not be offered;
	 * {@code false} if it should be built and offered. The default never drops early.
	 */
	default boolean dropEarly() {
		return false;
	}

}

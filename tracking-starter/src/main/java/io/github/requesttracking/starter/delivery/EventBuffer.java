package io.github.requesttracking.starter.delivery;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.requesttracking.event.RequestEvent;

/**
 * The bounded buffer between request threads and the publisher thread. Offering never
 * takes a lock: with many request threads on few cores, a lock holder that gets
 * descheduled would make every other request thread park. A full buffer is detected with
 * one atomic counter, without touching the queue.
 */
final class EventBuffer {

	private final ConcurrentLinkedQueue<RequestEvent> events = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	EventBuffer(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("The buffer capacity must be at least 1, not " + capacity);
		}
		this.capacity = capacity;
	}

	/**
	 * Add an event unless the buffer is full.
	 * @param event the event
	 * @return {@code true} if the event was added
	 */
	boolean offer(RequestEvent event) {
		if (this.size.get() >= this.capacity) {
			return false;
		}
		if (this.size.incrementAndGet() > this.capacity) {
			this.size.decrementAndGet();
			return false;
		}
		this.events.add(event);
		return true;
	}

	/**
	 * Tell whether the buffer is full, so that an event offered now would be refused
	 * unless one is drained first.
	 * @return {@code true} if full
	 */
	boolean isFull() {
		return this.size.get() >= this.capacity;
	}

	/**
	 * Move up to the given number of events into a list, oldest first.
	 * @param target the list to add to
	 * @param maxEvents the most events moved
	 * @return the number of events moved
	 */
	int drainTo(List<RequestEvent> target, int maxEvents) {
		int moved = 0;
		RequestEvent event;
		while (moved < maxEvents && (event = this.events.poll()) != null) {
			target.add(event);
			moved++;
		}
		if (moved > 0) {
			this.size.addAndGet(-moved);
		}
		return moved;
	}

	/**
	 * Return the number of buffered events; an event being added may be counted before it
	 * can be drained.
	 * @return the number of events
	 */
	int size() {
		return this.size.get();
	}

}

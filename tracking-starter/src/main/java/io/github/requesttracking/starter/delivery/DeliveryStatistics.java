package io.github.requesttracking.starter.delivery;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters describing delivery since start-up. Cheap to update from any thread; read by
 * the meters and the health contributor.
 */
public final class DeliveryStatistics {

	private final LongAdder captured = new LongAdder();

	private final LongAdder published = new LongAdder();

	private final LongAdder confirmed = new LongAdder();

	private final LongAdder sampledOut = new LongAdder();

	private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

	/**
	 * Create zeroed counters.
	 */
	public DeliveryStatistics() {
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason, new LongAdder());
		}
	}

	void captured() {
		this.captured.increment();
	}

	void published(int events) {
		this.published.add(events);
	}

	void confirmed(int events) {
		this.confirmed.add(events);
	}

	void dropped(DropReason reason, long events) {
		this.dropped.get(reason).add(events);
	}

	/**
	 * Count an event that sampling left out.
	 */
	public void sampledOut() {
		this.sampledOut.increment();
	}

	/**
	 * Return the number of events handed to delivery.
	 * @return the count
	 */
	public long capturedCount() {
		return this.captured.sum();
	}

	/**
	 * Return the number of events written to the broker, re-sends included.
	 * @return the count
	 */
	public long publishedCount() {
		return this.published.sum();
	}

	/**
	 * Return the number of events the broker confirmed.
	 * @return the count
	 */
	public long confirmedCount() {
		return this.confirmed.sum();
	}

	/**
	 * Return the number of events sampling left out.
	 * @return the count
	 */
	public long sampledOutCount() {
		return this.sampledOut.sum();
	}

	/**
	 * Return the number of events dropped for a reason.
	 * @param reason the reason
	 * @return the count
	 */
	public long droppedCount(DropReason reason) {
		return this.dropped.get(reason).sum();
	}

	/**
	 * Return the number of events dropped for any reason.
	 * @return the count
	 */
	public long droppedCount() {
		long total = 0;
		for (LongAdder count : this.dropped.values()) {
			total += count.sum();
		}
		return total;
	}

}

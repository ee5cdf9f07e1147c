package io.github.requesttracking.examples.traffic;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts what a run has sent and how it was answered, safely across worker threads, and
 * renders it as a one-line progress report.
 */
final class Progress {

	private final int plannedRequests;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong noAnswer = new AtomicLong();

	private final AtomicLong unexpected = new AtomicLong();

	private final AtomicLong bots = new AtomicLong();

	private final AtomicLongArray byClass = new AtomicLongArray(6);

	Progress(int plannedRequests) {
		this.plannedRequests = plannedRequests;
	}

	/**
	 * Reserve the right to send one more request.
	 * @return false when the planned number of requests has been reached
	 */
	boolean tryStart() {
		return this.sent
			.getAndUpdate((count) -> (count < this.plannedRequests) ? count + 1 : count) < this.plannedRequests;
	}

	void record(int status, int expectedStatus, boolean bot) {
		if (bot) {
			this.bots.incrementAndGet();
		}
		if (status == ExampleClient.NO_ANSWER) {
			this.noAnswer.incrementAndGet();
			return;
		}
		this.byClass.incrementAndGet(Math.min(Math.max(status / 100, 0), 5));
		if (status != expectedStatus) {
			this.unexpected.incrementAndGet();
		}
	}

	long sent() {
		return this.sent.get();
	}

	long answered() {
		long answered = 0;
		for (int index = 0; index < this.byClass.length(); index++) {
			answered += this.byClass.get(index);
		}
		return answered;
	}

	long noAnswer() {
		return this.noAnswer.get();
	}

	long serverErrors() {
		return this.byClass.get(5);
	}

	/**
	 * Render the counts.
	 * @param elapsed time since the run started
	 * @return one line such as
	 * {@code [  12s] 240/600 sent  2xx 180  4xx 50  5xx 10  no answer 0  bots 36}
	 */
	String line(Duration elapsed) {
		return String.format("[%4ds] %d/%d sent  2xx %d  3xx %d  4xx %d  5xx %d  no answer %d  bots %d  unexpected %d",
				elapsed.toSeconds(), sent(), this.plannedRequests, this.byClass.get(2), this.byClass.get(3),
				this.byClass.get(4), this.byClass.get(5), this.noAnswer.get(), this.bots.get(), this.unexpected.get());
	}

}

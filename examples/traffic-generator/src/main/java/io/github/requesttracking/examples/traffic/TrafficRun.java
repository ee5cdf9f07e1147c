package io.github.requesttracking.examples.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One bounded run: a few worker threads, each owning some simulated people, send requests
 * at the configured rate until the request count or the duration is reached, or until
 * stopped.
 */
final class TrafficRun {

	private static final int PEOPLE_PER_WORKER = 6;

	private final GeneratorOptions options;

	private final ExampleClient client;

	private final Progress progress;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final AtomicLong nextSlotNanos = new AtomicLong();

	private final long intervalNanos;

	TrafficRun(GeneratorOptions options) {
		this.options = options;
		this.client = new ExampleClient(options.usersUrl(), options.notesUrl());
		this.progress = new Progress(options.requests());
		this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / options.rate();
	}

	Progress progress() {
		return this.progress;
	}

	void stop() {
		this.stopped.set(true);
	}

	/**
	 * Run until done, reporting progress every second (every five for runs longer than a
	 * minute).
	 * @param report receives progress lines
	 * @return the elapsed time
	 * @throws InterruptedException when the calling thread is interrupted
	 */
	Duration run(Consumer<String> report) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + this.options.duration().toNanos();
		this.nextSlotNanos.set(start - this.intervalNanos);
		SplittableRandom seeds = new SplittableRandom(this.options.seed());
		String runId = Long.toString(Math.abs(this.options.seed()) % 1_000_000, 36);
		CountDownLatch finished = new CountDownLatch(this.options.workers());
		for (int index = 0; index < this.options.workers(); index++) {
			SplittableRandom random = seeds.split();
			List<Journey> people = journeys(runId, index, random);
			Thread worker = new Thread(() -> {
				try {
					work(people, random, deadline);
				}
				finally {
					finished.countDown();
				}
			}, "traffic-" + index);
			worker.setDaemon(true);
			worker.start();
		}
		// One line a second for short runs, one every five seconds for long ones.
		long reportSeconds = (this.options.duration().toSeconds() > 60) ? 5 : 1;
		while (!finished.await(reportSeconds, TimeUnit.SECONDS)) {
			report.accept(this.progress.line(Duration.ofNanos(System.nanoTime() - start)));
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		report.accept(this.progress.line(elapsed));
		return elapsed;
	}

	private static List<Journey> journeys(String runId, int worker, SplittableRandom random) {
		List<SimulatedClient> people = Population.people(PEOPLE_PER_WORKER, random);
		List<Journey> journeys = new ArrayList<>();
		for (int index = 0; index < people.size(); index++) {
			String username = "demo-" + runId + "-" + worker + "-" + index;
			journeys.add(new Journey(people.get(index), username, "pw-" + Long.toHexString(random.nextLong())));
		}
		return journeys;
	}

	private void work(List<Journey> people, SplittableRandom random, long deadline) {
		while (!this.stopped.get() && System.nanoTime() < deadline && awaitSlot(deadline) && this.progress.tryStart()) {
			if (random.nextDouble() < this.options.botShare()) {
				SimulatedClient crawler = Population.CRAWLERS.get(random.nextInt(Population.CRAWLERS.size()));
				this.progress.record(this.client.crawl(crawler, random), Step.CRAWL.expectedStatus(), true);
			}
			else {
				Journey journey = people.get(random.nextInt(people.size()));
				Step step = journey.next(random);
				this.progress.record(this.client.perform(journey, step, random), step.expectedStatus(), false);
			}
		}
	}

	// Paces all workers together: each request takes the next free slot of the rate. A
	// slot is never in the past, so slow answers lower the rate instead of causing a
	// burst.
	private boolean awaitSlot(long deadline) {
		long slot = this.nextSlotNanos.accumulateAndGet(System.nanoTime(),
				(previous, now) -> Math.max(previous + this.intervalNanos, now));
		if (slot >= deadline) {
			return false;
		}
		long wait = slot - System.nanoTime();
		if (wait > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

}

package io.github.requesttracking.starter.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.requesttracking.event.RequestEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventBufferTests {

	@Test
	void refusesEventsBeyondItsCapacityAndDrainsOldestFirst() {
		EventBuffer buffer = new EventBuffer(2);
		RequestEvent first = event();
		RequestEvent second = event();

		assertThat(buffer.offer(first)).isTrue();
		assertThat(buffer.offer(second)).isTrue();
		assertThat(buffer.offer(event())).isFalse();
		List<RequestEvent> drained = new ArrayList<>();

		assertThat(buffer.drainTo(drained, 10)).isEqualTo(2);
		assertThat(drained).containsExactly(first, second);
		assertThat(buffer.size()).isZero();
		assertThat(buffer.offer(event())).isTrue();
	}

	@Test
	void neverHoldsMoreThanItsCapacityUnderConcurrentOffers() throws Exception {
		EventBuffer buffer = new EventBuffer(1000);
		AtomicInteger accepted = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		for (int thread = 0; thread < 8; thread++) {
			executor.execute(() -> {
				awaitQuietly(start);
				for (int i = 0; i < 500; i++) {
					if (buffer.offer(event())) {
						accepted.incrementAndGet();
					}
				}
			});
		}

		start.countDown();
		executor.shutdown();

		assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		assertThat(accepted.get()).isEqualTo(1000);
		assertThat(buffer.size()).isEqualTo(1000);
		assertThat(buffer.drainTo(new ArrayList<>(), Integer.MAX_VALUE)).isEqualTo(1000);
	}

	@Test
	void rejectsACapacityBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EventBuffer(0)).withMessageContaining("0");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static RequestEvent event() {
		return new RequestEvent(1, UUID.randomUUID(), Instant.now(), "buffer", "GET", "/", "root", Map.of(), null, null,
				null, null, null, 200, 1.0, 1.0);
	}

}

package io.github.requesttracking.consumer.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory counters, fed with message headers as the ingest container reads them.
 */
class PublisherCountersTests {

	private final PublisherCounters counters = new PublisherCounters();

	@Test
	void keepsTheCountersOfTheNewestMessagePerInstance() {
		this.counters.observe(headers("shop", "a", 10, 8, 1));
		this.counters.observe(headers("shop", "a", 12, 11, 3));
		this.counters.observe(headers("auth", "b", 4, 4, 0));

		assertThat(this.counters.changed()).containsExactlyInAnyOrder(snapshot("shop", "a", 12, 11, 3),
				snapshot("auth", "b", 4, 4, 0));
	}

	@Test
	void ignoresAnOlderOrRedeliveredMessage() {
		this.counters.observe(headers("shop", "a", 12, 11, 3));
		this.counters.observe(headers("shop", "a", 10, 8, 1));
		this.counters.observe(headers("shop", "a", 12, 11, 3));

		assertThat(this.counters.changed()).containsExactly(snapshot("shop", "a", 12, 11, 3));
	}

	@Test
	void passesMessagesWithoutCounterHeadersOrWithOversizedNamesOnUnchanged() {
		Message plain = new Message("{}".getBytes(), new MessageProperties());
		Map<String, Object> withoutService = headers("shop", "a", 1, 1, 0);
		withoutService.remove("x-tracking-service");

		assertThat(this.counters.postProcessMessage(plain)).isSameAs(plain);
		this.counters.observe(withoutService);
		this.counters.observe(headers("shop", "x".repeat(257), 1, 1, 0));

		assertThat(this.counters.changed()).isEmpty();
	}

	@Test
	void readsTheHeadersOfAMessage() {
		MessageProperties properties = new MessageProperties();
		headers("shop", "a", 3, 2, 1).forEach(properties::setHeader);

		this.counters.postProcessMessage(new Message(new byte[0], properties));

		assertThat(this.counters.changed()).containsExactly(snapshot("shop", "a", 3, 2, 1));
	}

	@Test
	void handsOnlyChangedInstancesToTheNextFlush() {
		this.counters.observe(headers("shop", "a", 1, 1, 0));
		this.counters.observe(headers("shop", "b", 1, 1, 0));
		this.counters.changed();

		this.counters.observe(headers("shop", "b", 2, 2, 0));

		assertThat(this.counters.changed()).containsExactly(snapshot("shop", "b", 2, 2, 0));
		assertThat(this.counters.changed()).isEmpty();
	}

	@Test
	void remembersAnInstanceAgainAfterForgettingIt() {
		this.counters.observe(headers("shop", "a", 1, 1, 0));
		this.counters.changed();
		this.counters.changed();

		this.counters.observe(headers("shop", "a", 5, 4, 2));

		assertThat(this.counters.changed()).containsExactly(snapshot("shop", "a", 5, 4, 2));
	}

	@Test
	void handsUnwrittenCountersToTheNextFlushAgain() {
		this.counters.observe(headers("shop", "a", 1, 1, 0));
		List<PublisherSnapshot> failed = this.counters.changed();

		this.counters.unwritten(failed);

		assertThat(this.counters.changed()).containsExactly(snapshot("shop", "a", 1, 1, 0));
	}

	static Map<String, Object> headers(String service, String instance, long captured, long published,
			long bufferFull) {
		Map<String, Object> headers = new HashMap<>();
		headers.put("x-tracking-service", service);
		headers.put("x-tracking-instance", instance);
		headers.put("x-tracking-captured", captured);
		headers.put("x-tracking-published", published);
		headers.put("x-tracking-confirmed", published);
		headers.put("x-tracking-sampled-out", 7L);
		headers.put("x-tracking-dropped-buffer_full", bufferFull);
		headers.put("x-tracking-dropped-shutdown", 0L);
		headers.put("x-other", "ignored");
		return headers;
	}

	static PublisherSnapshot snapshot(String service, String instance, long captured, long published, long bufferFull) {
		return new PublisherSnapshot(service, instance, captured, published, published, 7,
				Map.of("buffer_full", bufferFull, "shutdown", 0L));
	}

}

package io.github.requesttracking.starter.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.event.RequestEventCodec;
import io.github.requesttracking.starter.app.EventQueue;
import io.github.requesttracking.testsupport.FaultyProxy;
import io.github.requesttracking.testsupport.RabbitNames;
import io.github.requesttracking.testsupport.RabbitServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the publisher directly against the real broker.
 */
class RabbitEventPublisherTests {

	private final RabbitServer rabbit = RabbitServer.get();

	private final RabbitNames names = this.rabbit.names("publisher");

	private final DeliveryStatistics statistics = new DeliveryStatistics();

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		this.names.close();
	}

	@Test
	void dropsEventWhenBufferIsFull() {
		RabbitEventPublisher publisher = publisher(this.rabbit.host(), this.rabbit.port(), 3, 10, 5);

		List<Boolean> accepted = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			accepted.add(publisher.offer(event(i)));
		}

		assertThat(accepted).containsExactly(true, true, true, false, false);
		assertThat(this.statistics.droppedCount(DropReason.BUFFER_FULL)).isEqualTo(2);
		assertThat(this.statistics.capturedCount()).isEqualTo(5);
		assertThat(publisher.bufferedEvents()).isEqualTo(3);
	}

	@Test
	void dropsEarlyOnlyWhenTheBufferIsFullAndCountsTheDrop() {
		RabbitEventPublisher publisher = publisher(this.rabbit.host(), this.rabbit.port(), 2, 10, 5);

		assertThat(publisher.dropEarly()).isFalse();
		publisher.offer(event(0));
		assertThat(publisher.dropEarly()).isFalse();
		publisher.offer(event(1));
		assertThat(publisher.dropEarly()).isTrue();
		assertThat(publisher.dropEarly()).isTrue();

		assertThat(this.statistics.capturedCount()).isEqualTo(4);
		assertThat(this.statistics.droppedCount(DropReason.BUFFER_FULL)).isEqualTo(2);
		assertThat(publisher.bufferedEvents()).isEqualTo(2);
	}

	@Test
	void batchesBufferedEventsIntoJsonArrays() {
		EventQueue queue = queue();
		RabbitEventPublisher publisher = publisher(this.rabbit.host(), this.rabbit.port(), 1000, 50, 5);
		for (int i = 0; i < 500; i++) {
			publisher.offer(event(i));
		}

		start(publisher);

		await().atMost(Duration.ofSeconds(20)).until(() -> queue.readAvailable().events().size() == 500);
		assertThat(queue.messages()).hasSizeLessThanOrEqualTo(20);
		assertThat(queue.messages()).allSatisfy((message) -> assertThat(message.deliveryMode()).isEqualTo(2));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.statistics.confirmedCount() == 500);
		assertThat(this.statistics.droppedCount()).isZero();
	}

	@Test
	void compressesBatchesOfAKibibyteOrMoreWithGzip() {
		EventQueue queue = queue();
		RabbitEventPublisher publisher = publisher(this.rabbit.host(), this.rabbit.port(), 1000, 50, 5);
		for (int i = 0; i < 100; i++) {
			publisher.offer(event(i));
		}
		start(publisher);
		await().atMost(Duration.ofSeconds(20)).until(() -> queue.readAvailable().events().size() == 100);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.statistics.confirmedCount() == 100);

		publisher.offer(event(100));

		await().atMost(Duration.ofSeconds(20)).until(() -> queue.readAvailable().events().size() == 101);
		List<EventQueue.Message> messages = queue.messages();
		EventQueue.Message last = messages.get(messages.size() - 1);
		assertThat(messages.subList(0, messages.size() - 1)).allSatisfy((message) -> {
			assertThat(message.contentEncoding()).isEqualTo("gzip");
			assertThat(message.contentType()).isEqualTo("application/json");
			assertThat(message.body().length).isLessThan(message.json().length / 3);
		});
		assertThat(last.contentEncoding()).isNull();
		assertThat(last.text()).startsWith("{").contains("/events/100");
	}

	@Test
	void splitsABatchTooLargeForOneMessage() {
		EventQueue queue = queue();
		RabbitEventPublisher publisher = publisher(this.rabbit.host(), this.rabbit.port(), 1000, 1000, 5);
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			// About 20 KB of JSON each, 8 MB for the whole batch.
			RequestEvent event = event(i, Map.of("q", List.of("x".repeat(20_000))));
			ids.add(event.eventId());
			publisher.offer(event);
		}

		start(publisher);

		await().atMost(Duration.ofSeconds(30)).until(() -> queue.readAvailable().events().size() == 400);
		assertThat(queue.messages()).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((message) -> assertThat(message.json().length)
				.isLessThanOrEqualTo(RabbitEventPublisher.MAX_BODY_BYTES));
		assertThat(queue.readAvailable().events()).extracting(RequestEvent::eventId)
			.containsExactlyInAnyOrderElementsOf(ids);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.statistics.confirmedCount() == 400);
		assertThat(this.statistics.droppedCount()).isZero();
	}

	@Test
	void dropsAndCountsAnEventJsonCannotHoldAndSendsTheRestOfItsBatch() {
		EventQueue queue = queue();
		RabbitEventPublisher publisher = publisher(this.rabbit.host(), this.rabbit.port(), 1000, 50, 5);
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			RequestEvent event = event(i);
			if (i == 7) {
				event = new RequestEvent(event.schemaVersion(), event.eventId(), event.timestamp(), event.service(),
						event.method(), event.path(), event.route(), event.queryParams(), null, null, null, null, null,
						200, Double.NaN, 1.0);
			}
			else {
				ids.add(event.eventId());
			}
			publisher.offer(event);
		}

		start(publisher);

		await().atMost(Duration.ofSeconds(20)).until(() -> this.statistics.confirmedCount() == 19);
		assertThat(queue.readAvailable().events()).extracting(RequestEvent::eventId)
			.containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.statistics.droppedCount(DropReason.SERIALIZATION)).isEqualTo(1);
		assertThat(this.statistics.droppedCount()).isEqualTo(1);
	}

	@Test
	void sendsPlainJsonWhenCompressionIsOff() {
		EventQueue queue = queue();
		RabbitEventPublisher publisher = publisher(this.rabbit.host(), this.rabbit.port(), 1000, 50, 5, false);
		for (int i = 0; i < 100; i++) {
			publisher.offer(event(i));
		}

		start(publisher);

		await().atMost(Duration.ofSeconds(20)).until(() -> queue.readAvailable().events().size() == 100);
		assertThat(queue.messages()).allSatisfy((message) -> {
			assertThat(message.contentEncoding()).isNull();
			assertThat(message.body()).isEqualTo(message.json());
		});
	}

	@Test
	void reportsItsCountersInTheHeadersOfEveryMessage() {
		EventQueue queue = queue();
		RabbitEventPublisher publisher = publisher(this.rabbit.host(), this.rabbit.port(), 3, 10, 5);
		this.statistics.sampledOut();
		for (int i = 0; i < 5; i++) {
			publisher.offer(event(i));
		}
		start(publisher);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.statistics.confirmedCount() == 3);

		publisher.offer(event(5));

		await().atMost(Duration.ofSeconds(10)).until(() -> queue.readAvailable().messages().size() == 2);
		Map<String, Object> first = queue.messages().get(0).headers();
		Map<String, Object> second = queue.messages().get(1).headers();
		assertThat(String.valueOf(first.get("x-tracking-instance"))).isEqualTo(publisher.instanceId());
		assertThat(String.valueOf(first.get("x-tracking-service"))).isEqualTo("publisher-test");
		assertThat(first).containsEntry("x-tracking-captured", 5L)
			.containsEntry("x-tracking-published", 0L)
			.containsEntry("x-tracking-confirmed", 0L)
			.containsEntry("x-tracking-sampled-out", 1L)
			.containsEntry("x-tracking-dropped-buffer_full", 2L)
			.containsEntry("x-tracking-dropped-rejected", 0L);
		assertThat(String.valueOf(second.get("x-tracking-instance"))).isEqualTo(publisher.instanceId());
		assertThat(second).containsEntry("x-tracking-captured", 6L)
			.containsEntry("x-tracking-published", 3L)
			.containsEntry("x-tracking-confirmed", 3L);
	}

	@Test
	void sendsUnconfirmedEventsAgainAfterTheConnectionHangs() {
		EventQueue queue = queue();
		FaultyProxy proxy = proxy();
		RabbitEventPublisher publisher = publisher(proxy.host(), proxy.port(), 100, 1, 5);
		start(publisher);
		await().atMost(Duration.ofSeconds(10)).until(() -> publisher.state() == DeliveryState.CONNECTED);
		proxy.stall();

		for (int i = 0; i < 5; i++) {
			publisher.offer(event(i));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> publisher.state() == DeliveryState.DISCONNECTED);
		assertThat(queue.readAvailable().events()).isEmpty();
		proxy.restore();

		await().atMost(Duration.ofSeconds(20))
			.until(() -> queue.readAvailable().events().stream().map(RequestEvent::path).distinct().count() == 5);
		assertThat(this.statistics.droppedCount()).isZero();
	}

	@Test
	void sendsRefusedEventsAgainAndDropsThemAfterTheAttemptLimit() throws Exception {
		String exchange = this.names.exchange("events");
		try (Connection connection = this.rabbit.connect(); Channel channel = connection.createChannel()) {
			channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true);
			String full = this.names.queue("full");
			channel.queueDeclare(full, false, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
			channel.queueBind(full, exchange, "");
		}
		RabbitEventPublisher publisher = publisher(this.rabbit.host(), this.rabbit.port(), 100, 1, 3);
		start(publisher);

		publisher.offer(event(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.statistics.confirmedCount() == 1);
		publisher.offer(event(2));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.statistics.droppedCount(DropReason.REJECTED) == 1);
		assertThat(this.statistics.publishedCount()).isEqualTo(4);
	}

	@Test
	void countsWhatItCouldNotDeliverAtShutdownWithinTheTimeout() {
		FaultyProxy proxy = proxy();
		proxy.cut();
		RabbitEventPublisher publisher = publisher(proxy.host(), proxy.port(), 100, 10, 5);
		start(publisher);
		for (int i = 0; i < 7; i++) {
			publisher.offer(event(i));
		}

		long start = System.nanoTime();
		publisher.stop();

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.statistics.droppedCount(DropReason.SHUTDOWN)).isEqualTo(7);
		assertThat(publisher.state()).isEqualTo(DeliveryState.STOPPED);
		assertThat(publisher.offer(event(8))).isFalse();
		assertThat(this.statistics.droppedCount(DropReason.SHUTDOWN)).isEqualTo(8);
	}

	@Test
	void deliversBufferedEventsBeforeStopping() {
		EventQueue queue = queue();
		RabbitEventPublisher publisher = publisher(this.rabbit.host(), this.rabbit.port(), 100, 10, 5);
		start(publisher);
		for (int i = 0; i < 30; i++) {
			publisher.offer(event(i));
		}

		publisher.stop();

		assertThat(this.statistics.droppedCount()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.readAvailable().events().size() == 30);
	}

	@Test
	void pausesWhileTheBrokerBlocksTheConnectionAndResumesWhenUnblocked() throws Exception {
		EventQueue queue = queue();
		BlockingProxy proxy = new BlockingProxy(this.rabbit.host(), this.rabbit.port());
		this.resources.add(proxy);
		RabbitEventPublisher publisher = publisher("127.0.0.1", proxy.port(), 100, 10, 5);
		start(publisher);
		await().atMost(Duration.ofSeconds(10)).until(() -> publisher.state() == DeliveryState.CONNECTED);

		proxy.block();
		await().atMost(Duration.ofSeconds(10)).until(() -> publisher.state() == DeliveryState.BLOCKED);
		for (int i = 0; i < 5; i++) {
			publisher.offer(event(i));
		}
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> publisher.bufferedEvents() == 5);
		assertThat(queue.readAvailable().events()).isEmpty();
		proxy.unblock();

		await().atMost(Duration.ofSeconds(10)).until(() -> queue.readAvailable().events().size() == 5);
		assertThat(publisher.state()).isEqualTo(DeliveryState.CONNECTED);
	}

	private EventQueue queue() {
		EventQueue queue = new EventQueue(this.names.exchange("events"), this.names.queue("events"));
		this.resources.add(queue);
		return queue;
	}

	private FaultyProxy proxy() {
		FaultyProxy proxy = FaultyProxy.start(this.rabbit.host(), this.rabbit.port());
		this.resources.add(proxy);
		return proxy;
	}

	private void start(RabbitEventPublisher publisher) {
		publisher.start();
		this.resources.add(publisher::stop);
	}

	private RabbitEventPublisher publisher(String host, int port, int capacity, int batchSize, int maxAttempts) {
		return publisher(host, port, capacity, batchSize, maxAttempts, true);
	}

	private RabbitEventPublisher publisher(String host, int port, int capacity, int batchSize, int maxAttempts,
			boolean compress) {
		PublisherSettings settings = new PublisherSettings(host, port, this.rabbit.username(), this.rabbit.password(),
				"/", this.names.exchange("events"), "publisher-test", capacity, batchSize, Duration.ofMillis(5),
				compress, 1000, maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1));
		return new RabbitEventPublisher(settings, this.statistics, "publisher-test");
	}

	private static RequestEvent event(int number) {
		return event(number, Map.of());
	}

	private static RequestEvent event(int number, Map<String, List<String>> query) {
		return new RequestEvent(RequestEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), Instant.now(), "publisher-test",
				"GET", "/events/" + number, "/events/{number}", query, null, null, null, null, null, 200, 1.5, 1.0);
	}

}

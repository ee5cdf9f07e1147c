package io.github.requesttracking.starter.delivery;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.starter.app.EventQueue;
import io.github.requesttracking.starter.app.TrackedApplication;
import io.github.requesttracking.testsupport.FaultyProxy;
import io.github.requesttracking.testsupport.RabbitNames;
import io.github.requesttracking.testsupport.RabbitServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Puts a fault-injecting proxy between a real application and the shared broker: whatever
 * the broker does, requests succeed promptly, drops are counted and delivery resumes by
 * itself.
 */
class BrokerFaultTests {

	private static final Duration PROMPT = Duration.ofSeconds(3);

	private static RabbitNames names;

	private static EventQueue queue;

	private static FaultyProxy proxy;

	private static TrackedApplication application;

	private static DeliveryStatistics statistics;

	private static RabbitEventPublisher publisher;

	@BeforeAll
	static void start() {
		RabbitServer rabbit = RabbitServer.get();
		names = rabbit.names("faults");
		String exchange = names.exchange("events");
		queue = new EventQueue(exchange, names.queue("events"));
		proxy = FaultyProxy.start(rabbit.host(), rabbit.port());
		application = TrackedApplication.start(Map.ofEntries(Map.entry("tracking.exchange", exchange),
				Map.entry("tracking.rabbitmq.host", proxy.host()), Map.entry("tracking.rabbitmq.port", proxy.port()),
				Map.entry("tracking.buffer.capacity", 40), Map.entry("tracking.delivery.max-unconfirmed-events", 20),
				Map.entry("tracking.delivery.batch-size", 10), Map.entry("tracking.delivery.confirm-timeout", "1s"),
				Map.entry("tracking.delivery.connect-timeout", "1s"), Map.entry("tracking.delivery.heartbeat", "2s"),
				Map.entry("tracking.delivery.reconnect-initial-backoff", "100ms"),
				Map.entry("tracking.delivery.reconnect-max-backoff", "500ms"),
				Map.entry("tracking.delivery.shutdown-timeout", "1s"),
				Map.entry("management.endpoint.health.show-details", "always")));
		statistics = application.context().getBean(DeliveryStatistics.class);
		publisher = application.context().getBean(RabbitEventPublisher.class);
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
		if (proxy != null) {
			proxy.close();
		}
		if (queue != null) {
			queue.close();
		}
		if (names != null) {
			names.close();
		}
	}

	@BeforeEach
	void awaitConnected() {
		await().atMost(Duration.ofSeconds(20)).until(() -> publisher.state() == DeliveryState.CONNECTED);
	}

	@AfterEach
	void restore() {
		proxy.restore();
	}

	@Test
	void requestsSucceedPromptlyAndDropsAreCountedWhileTheBrokerIsUnreachable() {
		proxy.cut();
		long droppedBefore = statistics.droppedCount(DropReason.BUFFER_FULL);

		sendPromptly("unreachable", 120);

		assertThat(statistics.droppedCount(DropReason.BUFFER_FULL)).isGreaterThan(droppedBefore);
		HttpResponse<String> health = application.get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"tracking\"").contains("DISCONNECTED");
		proxy.restore();
		assertDeliveryResumes("after-unreachable");
	}

	@Test
	void deliversBufferedEventsAfterTheBrokerIsStoppedAndRestarted() {
		proxy.cut();
		await().atMost(Duration.ofSeconds(10)).until(() -> publisher.state() == DeliveryState.DISCONNECTED);

		for (int i = 0; i < 10; i++) {
			assertThat(application.get("/api/items/1?probe=outage-" + i).statusCode()).isEqualTo(200);
		}
		proxy.restore();

		for (int i = 0; i < 10; i++) {
			List<String> probe = List.of("outage-" + i);
			queue.awaitEvent((event) -> probe.equals(event.queryParams().get("probe")));
		}
	}

	@Test
	void requestsSucceedPromptlyWhileTheBrokerHangs() {
		proxy.stall();
		long droppedBefore = statistics.droppedCount();

		sendPromptly("hung", 120);

		assertThat(statistics.droppedCount()).isGreaterThan(droppedBefore);
		proxy.restore();
		assertDeliveryResumes("after-hang");
	}

	private static void sendPromptly(String probe, int requests) {
		for (int i = 0; i < requests; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = application.get("/api/items/1?probe=" + probe);
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(took).isLessThan(PROMPT);
		}
	}

	private static void assertDeliveryResumes(String probe) {
		List<String> marker = List.of(probe);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			application.get("/api/items/1?probe=" + probe);
			queue.readAvailable();
			assertThat(queue.events()).extracting(RequestEvent::queryParams).anySatisfy((query) -> {
				assertThat(query.get("probe")).isEqualTo(marker);
			});
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> publisher.state() == DeliveryState.CONNECTED);
	}

}

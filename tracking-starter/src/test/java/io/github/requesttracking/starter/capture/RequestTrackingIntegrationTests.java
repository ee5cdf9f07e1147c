package io.github.requesttracking.starter.capture;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.starter.app.EventQueue;
import io.github.requesttracking.starter.app.RawHttp;
import io.github.requesttracking.starter.app.TrackedApplication;
import io.github.requesttracking.starter.app.TrackedTestApplication;
import io.github.requesttracking.testsupport.EventSchema;
import io.github.requesttracking.testsupport.RabbitNames;
import io.github.requesttracking.testsupport.RabbitServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a secured web application with the starter against the real RabbitMQ and reads
 * back what it publishes.
 */
class RequestTrackingIntegrationTests {

	private static final AtomicInteger markers = new AtomicInteger();

	private static RabbitNames names;

	private static EventQueue queue;

	private static TrackedApplication application;

	@BeforeAll
	static void start() {
		names = RabbitServer.get().names("capture");
		String exchange = names.exchange("events");
		queue = new EventQueue(exchange, names.queue("events"));
		RabbitServer rabbit = RabbitServer.get();
		application = TrackedApplication.start(Map.of("tracking.exchange", exchange, "tracking.rabbitmq.host",
				rabbit.host(), "tracking.rabbitmq.port", rabbit.port(), "tracking.rabbitmq.username", rabbit.username(),
				"tracking.rabbitmq.password", rabbit.password()));
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
		if (queue != null) {
			queue.close();
		}
		if (names != null) {
			names.close();
		}
	}

	@Test
	void publishesOnePersistentEventPerRequestWithTheMatchedRoute() {
		assertThat(application.get("/api/items/42?page=2", "User-Agent", "integration-test/1.0").statusCode())
			.isEqualTo(200);

		RequestEvent event = queue.awaitPath("/api/items/42");
		assertThat(event.service()).isEqualTo("starter-test");
		assertThat(event.method()).isEqualTo("GET");
		assertThat(event.route()).isEqualTo("/api/items/{id}");
		assertThat(event.queryParams()).containsExactly(Map.entry("page", List.of("2")));
		assertThat(event.statusCode()).isEqualTo(200);
		assertThat(event.clientIp()).isEqualTo("127.0.0.0");
		assertThat(event.userAgent()).isEqualTo("integration-test/1.0");
		assertThat(event.userId()).isNull();
		assertThat(event.durationMs()).isPositive();
		assertThat(event.sampleRate()).isEqualTo(1.0);
		EventQueue.Message message = queue.messages()
			.stream()
			.filter((candidate) -> candidate.text().contains(event.eventId().toString()))
			.findFirst()
			.orElseThrow();
		assertThat(message.contentType()).isEqualTo("application/json");
		assertThat(message.deliveryMode()).isEqualTo(2);
		if (message.text().startsWith("{")) {
			assertThat(message.messageId()).isEqualTo(event.eventId().toString());
			assertThat(EventSchema.violations(message.json())).isEmpty();
		}
	}

	@Test
	void recordsTheAuthenticatedUserId() {
		String credentials = Base64.getEncoder()
			.encodeToString((TrackedTestApplication.USER + ":" + TrackedTestApplication.PASSWORD).getBytes());

		assertThat(application.get("/api/private/me?probe=user", "Authorization", "Basic " + credentials).statusCode())
			.isEqualTo(200);

		RequestEvent event = queue.awaitEvent((candidate) -> candidate.path().equals("/api/private/me")
				&& candidate.queryParams().containsKey("probe"));
		assertThat(event.userId()).isEqualTo(TrackedTestApplication.USER);
		assertThat(event.route()).isEqualTo("/api/private/me");
	}

	@Test
	void tracksRequestsTheSecurityChainRejects() {
		assertThat(application.get("/api/private/me?probe=rejected").statusCode()).isEqualTo(401);

		RequestEvent event = queue.awaitEvent((candidate) -> candidate.path().equals("/api/private/me")
				&& candidate.queryParams().containsKey("probe") && candidate.statusCode() == 401);
		assertThat(event.userId()).isNull();
		assertThat(event.route()).isEqualTo(TrackingFilter.UNKNOWN);
	}

	@Test
	void recordsAFailingHandlerOnceWithTheStatusTheClientReceived() {
		assertThat(application.get("/api/fail?probe=failure").statusCode()).isEqualTo(500);

		RequestEvent event = awaitProbe("failure");
		assertThat(event.statusCode()).isEqualTo(500);
		assertThat(event.route()).isEqualTo("/api/fail");
		assertThat(eventsWithProbe("failure")).hasSize(1);
	}

	@Test
	void recordsAnAsyncRequestOnceWhenItCompletes() {
		assertThat(application.get("/api/async?probe=async").body()).isEqualTo("later");

		RequestEvent event = awaitProbe("async");
		assertThat(event.statusCode()).isEqualTo(200);
		assertThat(event.route()).isEqualTo("/api/async");
		assertThat(eventsWithProbe("async")).hasSize(1);
	}

	@Test
	void labelsARequestNoHandlerMatchedInsteadOfRecordingItsPathAsRoute() {
		assertThat(application.get("/no/such/page?probe=missing").statusCode()).isEqualTo(404);

		RequestEvent event = awaitProbe("missing");
		assertThat(event.route()).isEqualTo(TrackingFilter.NOT_FOUND);
		assertThat(event.path()).isEqualTo("/no/such/page");
		assertThat(eventsWithProbe("missing")).hasSize(1);
	}

	@Test
	void doesNotTrackHealthAndActuatorPaths() {
		assertThat(application.get("/health?probe=excluded").statusCode()).isEqualTo(200);
		assertThat(application.get("/actuator/health?probe=excluded").statusCode()).isEqualTo(200);

		assertThat(eventsWithProbe("excluded")).isEmpty();
	}

	@Test
	void neverReadsAFormBody() {
		assertThat(
				application.send("POST", "/api/items?probe=form", "Content-Type", "application/x-www-form-urlencoded")
					.statusCode())
			.isEqualTo(201);
		String request = "POST /api/items?probe=form-body HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 21\r\n"
				+ "Connection: close\r\n\r\npassword=body-secret";

		assertThat(RawHttp.send(application.port(), request.getBytes(StandardCharsets.ISO_8859_1))).contains("201");

		RequestEvent event = awaitProbe("form-body");
		assertThat(event.queryParams()).containsOnlyKeys("probe");
		assertThat(queue.messages()).noneSatisfy((message) -> assertThat(message.text()).contains("body-secret"));
	}

	@Test
	void keepsTheEventValidWhenHeadersAndQueryCarryBrokenText() {
		byte[] request = concat(
				"GET /api/items/1?probe=broken&bad=%C3%28&ctl=a%00%1Fb HTTP/1.1\r\nHost: localhost\r\n"
					.getBytes(StandardCharsets.ISO_8859_1),
				"User-Agent: agent-".getBytes(StandardCharsets.ISO_8859_1),
				new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc3 },
				("x".repeat(3000) + "\r\nReferer: https://app.example/caf").getBytes(StandardCharsets.ISO_8859_1),
				new byte[] { (byte) 0xc3, (byte) 0xa9 },
				"\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

		assertThat(RawHttp.send(application.port(), request)).contains("200");

		RequestEvent event = awaitProbe("broken");
		assertThat(event.userAgent()).startsWith("agent-").hasSizeLessThanOrEqualTo(512);
		assertThat(event.queryParams().get("ctl")).containsExactly("a\uFFFD\uFFFDb");
		assertThat(event.queryParams().get("bad").get(0)).contains("\uFFFD");
		EventQueue.Message message = queue.messages()
			.stream()
			.filter((candidate) -> candidate.text().contains(event.eventId().toString()))
			.findFirst()
			.orElseThrow();
		if (message.text().startsWith("{")) {
			assertThat(EventSchema.violations(message.json())).isEmpty();
		}
	}

	private static RequestEvent awaitProbe(String probe) {
		List<String> expected = List.of(probe);
		RequestEvent event = queue.awaitEvent((candidate) -> expected.equals(candidate.queryParams().get("probe")));
		String marker = "after-" + probe + "-" + markers.incrementAndGet();
		application.get("/api/items/marker?probe=" + marker);
		queue.awaitEvent((candidate) -> List.of(marker).equals(candidate.queryParams().get("probe")));
		return event;
	}

	private static List<RequestEvent> eventsWithProbe(String probe) {
		String marker = "after-" + probe + "-" + markers.incrementAndGet();
		application.get("/api/items/marker?probe=" + marker);
		queue.awaitEvent((candidate) -> List.of(marker).equals(candidate.queryParams().get("probe")));
		List<String> expected = List.of(probe);
		return queue.events().stream().filter((event) -> expected.equals(event.queryParams().get("probe"))).toList();
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			bytes.writeBytes(part);
		}
		return bytes.toByteArray();
	}

}

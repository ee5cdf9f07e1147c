package io.github.requesttracking.starter.capture;

import java.util.Base64;
import java.util.Map;

import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.starter.app.EventQueue;
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
		assertThat(event.queryParams()).containsExactly(Map.entry("page", java.util.List.of("2")));
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
			assertThat(EventSchema.violations(message.body())).isEmpty();
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

}

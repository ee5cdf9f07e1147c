package io.github.requesttracking.consumer.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.requesttracking.consumer.ApiClient;
import io.github.requesttracking.consumer.ApiClient.Response;
import io.github.requesttracking.consumer.Events;
import io.github.requesttracking.consumer.TestEnvironment;
import io.github.requesttracking.event.RequestEventCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.requesttracking.consumer.pipeline.PublisherCountersTests.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline answer of the running consumer: counters that publishers send in message
 * headers travel through the real broker, the ingest container and the flush into the
 * database and back out of {@code /api/analytics/pipeline}, next to the queue depths read
 * from the broker.
 */
@Import(TestEnvironment.CleanUp.class)
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tracking.consumer.security.admin.password=admin-secret",
				"tracking.consumer.security.viewer.password=viewer-secret", "tracking.consumer.retention.enabled=false",
				"tracking.consumer.analytics.rollup.enabled=false", "tracking.consumer.pipeline.flush-interval=200ms" })
class PipelineApiTests {

	private static final RequestEventCodec codec = new RequestEventCodec();

	private static final TestEnvironment environment = new TestEnvironment("pipelineapi", 3);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		environment.register(registry);
	}

	@Test
	void answersTheCountersThatPublishersSentInMessageHeaders() {
		environment.publishRaw(codec.encode(Events.event()), headers("shop", "instance-1", 3, 0, 1));
		environment.publishRaw(codec.encode(Events.event()), headers("shop", "instance-1", 4, 1, 2));
		environment.publish(List.of(Events.event()));

		JsonNode shop = await().atMost(Duration.ofSeconds(20))
			.until(() -> publisher(get("/api/analytics/pipeline?service=shop").json()),
					(node) -> node != null && node.get("published").asLong() == 1);

		assertThat(shop.get("service").asString()).isEqualTo("shop");
		assertThat(shop.get("instances").asLong()).isEqualTo(1);
		assertThat(shop.get("captured").asLong()).isEqualTo(4);
		assertThat(shop.get("confirmed").asLong()).isEqualTo(1);
		assertThat(shop.get("sampledOut").asLong()).isEqualTo(7);
		assertThat(shop.get("dropped").asLong()).isEqualTo(2);
		assertThat(shop.get("droppedByReason").get("buffer_full").asLong()).isEqualTo(2);
		assertThat(shop.get("lastSeen").asString()).endsWith("Z");
		await().atMost(Duration.ofSeconds(20)).until(() -> environment.storedEvents() == 3);
	}

	@Test
	void reportsTheDepthOfTheWorkAndDeadLetterQueues() {
		environment.publishRaw("not json".getBytes(StandardCharsets.UTF_8));

		JsonNode report = await().atMost(Duration.ofSeconds(20))
			.until(() -> get("/api/analytics/pipeline").json(),
					(node) -> node.get("deadLetterQueue").get("messages").asLong() == 1);

		assertThat(report.get("queue").get("name").asString()).isEqualTo(environment.queue());
		assertThat(report.get("queue").get("consumers").asInt()).isEqualTo(1);
		assertThat(report.get("queue").get("messages").isNumber()).isTrue();
		assertThat(report.get("deadLetterQueue").get("name").asString()).isEqualTo(environment.deadLetterQueue());
	}

	@Test
	void rejectsInvalidRangesLikeTheOtherAnalyticsAnswers() {
		Response reversed = get("/api/analytics/pipeline?from=2026-01-06T00:00:00Z&to=2026-01-05T00:00:00Z");
		Response tooLong = get("/api/analytics/pipeline?from=2024-01-01T00:00:00Z&to=2026-01-05T00:00:00Z");
		Response unparseable = get("/api/analytics/pipeline?from=yesterday");

		assertThat(reversed.status()).isEqualTo(400);
		assertThat(reversed.contentType()).startsWith("application/problem+json");
		assertThat(reversed.json().get("detail").asString()).contains("must be before 'to'");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("detail").asString()).contains("is longer than the 400 days");
		assertThat(unparseable.status()).isEqualTo(400);
		assertThat(unparseable.contentType()).startsWith("application/problem+json");
	}

	@Test
	void answersAnEmptyListForARangeWithoutCounters() {
		JsonNode report = get("/api/analytics/pipeline?from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z").json();

		assertThat(report.get("publishers").isArray()).isTrue();
		assertThat(report.get("publishers")).isEmpty();
	}

	@Test
	void requiresAViewerOrAdminAndIsDescribedInTheApiDescription() {
		ApiClient client = new ApiClient(this.port);

		assertThat(client.send("GET", "/api/analytics/pipeline", null, "").status()).isEqualTo(401);
		assertThat(client.send("GET", "/api/analytics/pipeline", "admin", "admin-secret").status()).isEqualTo(200);
		assertThat(get("/api/analytics/openapi").json().get("paths").propertyNames())
			.contains("/api/analytics/pipeline");
	}

	private static JsonNode publisher(JsonNode report) {
		for (JsonNode publisher : report.get("publishers")) {
			if (publisher.get("service").asString().equals("shop")) {
				return publisher;
			}
		}
		return null;
	}

	private Response get(String path) {
		return new ApiClient(this.port).send("GET", path, "viewer", "viewer-secret");
	}

}

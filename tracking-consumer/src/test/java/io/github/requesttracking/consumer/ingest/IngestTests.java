package io.github.requesttracking.consumer.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import io.github.requesttracking.consumer.Events;
import io.github.requesttracking.consumer.TestEnvironment;
import io.github.requesttracking.event.BodyEncoding;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.event.RequestEventCodec;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest path against the real broker and database, with the JPA store (the other
 * tests use the default JDBC store).
 */
@Import(TestEnvironment.CleanUp.class)
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tracking.consumer.store=jpa", "tracking.consumer.retry.initial-delay=200ms",
				"tracking.consumer.security.admin.password=admin-secret",
				"tracking.consumer.security.viewer.password=viewer-secret" })
class IngestTests {

	private static final TestEnvironment environment = new TestEnvironment("ingest", 3);

	private static final RequestEventCodec codec = new RequestEventCodec();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		environment.register(registry);
	}

	@Test
	void storesEveryColumnOfAnEvent() throws SQLException {
		RequestEvent event = Events.event();

		environment.publish(List.of(event));

		await().atMost(Duration.ofSeconds(20)).until(() -> rowExists(event));
		try (Connection connection = environment.database().connect();
				PreparedStatement statement = connection.prepareStatement("select service, method, path, route,"
						+ " query_params::text, host(client_ip), user_agent, referer, origin, user_id, status_code,"
						+ " duration_ms, sample_rate, occurred_at, received_at is not null, browser_family,"
						+ " browser_major, is_bot from request_events" + " where event_id = ?")) {
			statement.setObject(1, event.eventId());
			try (ResultSet row = statement.executeQuery()) {
				assertThat(row.next()).isTrue();
				assertThat(row.getString(1)).isEqualTo(event.service());
				assertThat(row.getString(2)).isEqualTo(event.method());
				assertThat(row.getString(3)).isEqualTo(event.path());
				assertThat(row.getString(4)).isEqualTo(event.route());
				assertThat(row.getString(5)).isEqualTo("{\"page\": [\"2\"]}");
				assertThat(row.getString(6)).isEqualTo(event.clientIp());
				assertThat(row.getString(7)).isEqualTo(event.userAgent());
				assertThat(row.getString(8)).isEqualTo(event.referer());
				assertThat(row.getString(9)).isNull();
				assertThat(row.getString(10)).isEqualTo(event.userId());
				assertThat(row.getInt(11)).isEqualTo(event.statusCode());
				assertThat(row.getDouble(12)).isEqualTo(event.durationMs());
				assertThat(row.getDouble(13)).isEqualTo(event.sampleRate());
				assertThat(row.getObject(14, java.time.OffsetDateTime.class).toInstant()).isEqualTo(event.timestamp());
				assertThat(row.getBoolean(15)).isTrue();
				assertThat(row.getString(16)).isEqualTo("Firefox");
				assertThat(row.getString(17)).isEqualTo("128");
				assertThat(row.getObject(18)).isEqualTo(false);
			}
		}
	}

	@Test
	void storesARedeliveredEventOnceAndCountsTheDuplicates() {
		List<RequestEvent> events = Events.events(30);
		double duplicatesBefore = this.meterRegistry.counter("tracking.consumer.events.duplicates").count();

		environment.publish(events);
		environment.publish(events.subList(0, 10));
		environment.publishRaw(codec.encode(events.subList(5, 25)));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.meterRegistry.counter("tracking.consumer.events.duplicates").count()
					- duplicatesBefore >= 30);
		assertThat(countOf(events)).isEqualTo(30);
		assertThat(this.meterRegistry.counter("tracking.consumer.events.duplicates").count() - duplicatesBefore)
			.isEqualTo(30);
	}

	@Test
	void deadLettersPoisonMessagesWithTheirReasonAndStoresTheGoodOnes() {
		drainDeadLetters();
		RequestEvent good = Events.event();
		RequestEvent inArray = Events.event();
		String valid = new String(codec.encode(Events.event()), StandardCharsets.UTF_8);
		String missingMethod = valid.replace("\"method\":\"GET\",", "");

		environment.publish(List.of(good));
		environment.publishRaw("not json at all".getBytes(StandardCharsets.UTF_8));
		environment
			.publishRaw(valid.replace("\"schema_version\":1", "\"schema_version\":2").getBytes(StandardCharsets.UTF_8));
		environment.publishRaw(valid.replace("\"service\":\"notes\",", "").getBytes(StandardCharsets.UTF_8));
		environment.publish(List.of(withTimestamp(Instant.now().minus(Duration.ofDays(91)))));
		environment.publish(List.of(withTimestamp(Instant.now().plus(Duration.ofDays(2)))));
		environment
			.publishRaw(("[" + new String(codec.encode(inArray), StandardCharsets.UTF_8) + "," + missingMethod + "]")
				.getBytes(StandardCharsets.UTF_8));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> environment.messageCount(environment.deadLetterQueue()) == 6 && rowExists(good)
					&& rowExists(inArray));
		Map<String, String> reasons = new HashMap<>();
		for (int i = 0; i < 6; i++) {
			GetResponse deadLetter = environment.take(environment.deadLetterQueue());
			assertThat(deadLetter).isNotNull();
			Map<String, String> headers = headers(deadLetter);
			assertThat(headers).containsKeys("x-exception", "x-first-failure", "x-last-failure")
				.containsEntry("x-original-queue", environment.queue())
				.containsEntry("x-attempts", "1");
			reasons.put(new String(deadLetter.getBody(), StandardCharsets.UTF_8),
					headers.get("x-reason") + ": " + headers.get("x-exception-message"));
		}
		assertThat(reasons).hasSize(6);
		assertThat(reasons.get("not json at all")).startsWith("malformed: Message body is not valid JSON");
		assertThat(reasons.get(missingMethod)).isEqualTo("missing-field: Required field 'method' is missing");
		assertThat(reasons.values()).filteredOn((reason) -> reason.startsWith("schema-version: ")).hasSize(1);
		assertThat(reasons.values())
			.filteredOn((reason) -> reason.startsWith("missing-field: Required field 'service'"))
			.hasSize(1);
		assertThat(reasons.values()).filteredOn((reason) -> reason.startsWith("timestamp-out-of-range: ")).hasSize(2);
	}

	@Test
	void storesGzipBatchesAndDeadLettersTheirBadPartsAsPlainJson() {
		drainDeadLetters();
		RequestEvent first = Events.event();
		RequestEvent second = Events.event();
		String missingMethod = new String(codec.encode(Events.event()), StandardCharsets.UTF_8)
			.replace("\"method\":\"GET\",", "");
		byte[] batch = ("[" + new String(codec.encode(first), StandardCharsets.UTF_8) + "," + missingMethod + ","
				+ new String(codec.encode(second), StandardCharsets.UTF_8) + "]")
			.getBytes(StandardCharsets.UTF_8);
		byte[] corrupt = Arrays.copyOf(BodyEncoding.gzip(batch), 40);

		environment.publishEncoded(BodyEncoding.gzip(batch), "gzip");
		environment.publishEncoded(corrupt, "gzip");
		environment.publishEncoded(batch, "br");
		environment.publishEncoded(BodyEncoding.gzip(new byte[20 * 1024 * 1024]), "gzip");

		await().atMost(Duration.ofSeconds(20))
			.until(() -> environment.messageCount(environment.deadLetterQueue()) == 4 && rowExists(first)
					&& rowExists(second));
		Map<String, GetResponse> deadLetters = new HashMap<>();
		for (int i = 0; i < 4; i++) {
			GetResponse deadLetter = environment.take(environment.deadLetterQueue());
			assertThat(deadLetter).isNotNull();
			Map<String, String> headers = headers(deadLetter);
			deadLetters.put(headers.get("x-reason") + ": " + headers.get("x-exception-message").replaceAll(":.*", ""),
					deadLetter);
		}
		assertThat(deadLetters).containsOnlyKeys("missing-field: Required field 'method' is missing",
				"malformed: Message body is not valid gzip",
				"malformed: Message body has the unsupported content encoding 'br'; supported",
				"malformed: Message body expands to more than 16777216 bytes when decompressed");
		GetResponse part = deadLetters.get("missing-field: Required field 'method' is missing");
		assertThat(new String(part.getBody(), StandardCharsets.UTF_8)).isEqualTo(missingMethod);
		assertThat(part.getProps().getContentEncoding()).isNull();
		GetResponse broken = deadLetters.get("malformed: Message body is not valid gzip");
		assertThat(broken.getBody()).isEqualTo(corrupt);
		assertThat(broken.getProps().getContentEncoding()).isEqualTo("gzip");
		assertThat(deadLetters.get("malformed: Message body has the unsupported content encoding 'br'; supported")
			.getBody()).isEqualTo(batch);
	}

	@Test
	void retriesATransientFailureThenDeadLettersItAndReplayMovesItBack() throws Exception {
		drainDeadLetters();
		execute("create function refuse_flaky() returns trigger language plpgsql as $$ begin"
				+ " if new.service = 'flaky' then raise exception 'flaky service refused'; end if; return new; end $$");
		execute("create trigger refuse_flaky before insert on request_events for each row execute function refuse_flaky()");
		RequestEvent flaky = withService("flaky");
		RequestEvent neighbour = Events.event();

		environment.publishRaw(codec.encode(List.of(flaky, neighbour)));
		environment.publish(List.of(flaky));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> environment.messageCount(environment.deadLetterQueue()) == 2 && rowExists(neighbour));
		execute("drop trigger refuse_flaky on request_events");
		GetResponse first = environment.take(environment.deadLetterQueue());
		assertThat(first).isNotNull();
		Map<String, String> headers = headers(first);
		assertThat(headers).containsEntry("x-reason", "retries-exhausted")
			.containsEntry("x-attempts", "4")
			.containsEntry("x-original-queue", environment.queue())
			.containsEntry("x-exception-message",
					"ERROR: flaky service refused\n  Where: PL/pgSQL function refuse_flaky() line 1 at RAISE")
			.doesNotContainKeys("x-death", "x-first-death-queue");
		assertThat(headers.get("x-first-failure")).isLessThan(headers.get("x-last-failure"));
		environment.publishRawToQueue(environment.deadLetterQueue(), first);
		assertThat(post("/admin/dead-letters/replay", null).statusCode()).isEqualTo(401);
		assertThat(post("/admin/dead-letters/replay", "viewer:viewer-secret").statusCode()).isEqualTo(403);

		HttpResponse<String> replay = post("/admin/dead-letters/replay", "admin:admin-secret");

		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(replay.body()).contains("\"replayed\":2");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> rowExists(flaky) && environment.messageCount(environment.deadLetterQueue()) == 0);
	}

	@Test
	void exposesIngestMetersAndHealthWithoutCredentialsAndDeniesEverythingElse() throws Exception {
		environment.publish(List.of(Events.event()));
		environment.publishRaw("{".getBytes(StandardCharsets.UTF_8));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(request("GET", "/actuator/prometheus", null).body()).contains(
					"tracking_consumer_events_stored_total", "tracking_consumer_messages_received_total",
					"tracking_consumer_events_duplicates_total", "tracking_consumer_batch_size_count",
					"tracking_consumer_store_latency_seconds_count",
					"tracking_consumer_events_dead_lettered_total{reason=\"malformed\"}"));
		assertThat(request("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(request("GET", "/actuator/env", null).statusCode()).isEqualTo(401);
		assertThat(request("GET", "/actuator/env", "admin:admin-secret").statusCode()).isEqualTo(403);
		assertThat(request("GET", "/admin/dead-letters", "admin:admin-secret").body()).contains("\"messages\"");
	}

	private HttpResponse<String> post(String path, @Nullable String credentials) throws Exception {
		return request("POST", path, credentials);
	}

	private HttpResponse<String> request(String method, String path, @Nullable String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = environment.database().connect();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Map<String, String> headers(GetResponse message) {
		Map<String, String> headers = new HashMap<>();
		message.getProps().getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
		return headers;
	}

	private static void drainDeadLetters() {
		while (environment.take(environment.deadLetterQueue()) != null) {
			// Left over by another test of this class.
		}
	}

	private static RequestEvent withTimestamp(Instant timestamp) {
		RequestEvent event = Events.event();
		return new RequestEvent(1, event.eventId(), timestamp, event.service(), event.method(), event.path(),
				event.route(), event.queryParams(), event.clientIp(), event.userAgent(), event.referer(),
				event.origin(), event.userId(), event.statusCode(), event.durationMs(), event.sampleRate());
	}

	private static RequestEvent withService(String service) {
		RequestEvent event = Events.event();
		return new RequestEvent(1, event.eventId(), event.timestamp(), service, event.method(), event.path(),
				event.route(), event.queryParams(), event.clientIp(), event.userAgent(), event.referer(),
				event.origin(), event.userId(), event.statusCode(), event.durationMs(), event.sampleRate());
	}

	private static long countOf(List<RequestEvent> events) {
		StringBuilder ids = new StringBuilder();
		for (RequestEvent event : events) {
			ids.append((ids.length() > 0) ? "," : "").append('\'').append(event.eventId()).append('\'');
		}
		return environment.count("select count(*) from request_events where event_id in (" + ids + ")");
	}

	private static boolean rowExists(RequestEvent event) {
		return environment.count("select count(*) from request_events where event_id = '" + event.eventId() + "'") == 1;
	}

}

package io.github.requesttracking.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.RabbitNames;
import io.github.requesttracking.testsupport.RabbitServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Starts the real consumer and both example services from their runnable jars, uses the
 * examples as a client would, and checks what arrives in {@code request_events}: the
 * right facts about every request and none of the secrets that travelled with them.
 */
class RequestTrackingEndToEndIT {

	private static final Duration ROWS_TIMEOUT = Duration.ofSeconds(60);

	private static final String VIEWER_PASSWORD = "e2e-viewer-" + UUID.randomUUID();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Deque<AutoCloseable> resources = new ArrayDeque<>();

	private static @Nullable TestDatabase database;

	private static @Nullable ServiceProcess consumer;

	private static @Nullable ServiceProcess users;

	private static @Nullable ServiceProcess notes;

	@BeforeAll
	static void startServices() {
		TestDatabase database = open(PostgresServer.get().createDatabase("endtoend"));
		RabbitNames names = open(RabbitServer.get().names("endtoend"));
		String exchange = names.exchange("events");
		String queue = names.queue("events");
		registerDerivedNames(names);
		String jwtSecret = "e2e-" + UUID.randomUUID() + UUID.randomUUID();
		Path apps = Path.of(System.getProperty("e2e.apps", "target/apps"));
		Path logs = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"));
		Map<String, String> common = commonProperties(database);
		Map<String, String> consumerProperties = new LinkedHashMap<>(common);
		consumerProperties.put("tracking.consumer.exchange", exchange);
		consumerProperties.put("tracking.consumer.queue", queue);
		consumerProperties.put("tracking.consumer.geoip.database",
				logs.resolve("absent-GeoLite2-City.mmdb").toString());
		consumerProperties.put("tracking.consumer.security.viewer.password", VIEWER_PASSWORD);
		consumerProperties.put("tracking.consumer.pipeline.flush-interval", "1s");
		Map<String, String> exampleProperties = new LinkedHashMap<>(common);
		exampleProperties.put("tracking.exchange", exchange);
		Map<String, String> environment = Map.of("EXAMPLES_SECURITY_JWT_SECRET", jwtSecret);
		ServiceProcess consumer = open(ServiceProcess.start("tracking-consumer",
				apps.resolve("tracking-consumer-exec.jar"), logs, Map.of(), consumerProperties));
		ServiceProcess users = open(ServiceProcess.start("user-management", apps.resolve("user-management-exec.jar"),
				logs, environment, exampleProperties));
		ServiceProcess notes = open(ServiceProcess.start("note-management", apps.resolve("note-management-exec.jar"),
				logs, environment, exampleProperties));
		consumer.awaitHealthy(http);
		users.awaitHealthy(http);
		notes.awaitHealthy(http);
		RequestTrackingEndToEndIT.database = database;
		RequestTrackingEndToEndIT.consumer = consumer;
		RequestTrackingEndToEndIT.users = users;
		RequestTrackingEndToEndIT.notes = notes;
	}

	private static Map<String, String> commonProperties(TestDatabase database) {
		RabbitServer rabbit = RabbitServer.get();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password());
		properties.put("spring.rabbitmq.host", rabbit.host());
		properties.put("spring.rabbitmq.port", String.valueOf(rabbit.port()));
		properties.put("spring.rabbitmq.username", rabbit.username());
		properties.put("spring.rabbitmq.password", rabbit.password());
		properties.put("management.endpoint.health.probes.enabled", "true");
		return properties;
	}

	/**
	 * The consumer derives its retry and dead-letter names from the queue name; handing
	 * them out here makes the test support delete them afterwards.
	 */
	private static void registerDerivedNames(RabbitNames names) {
		names.exchange("events.dead-letter");
		names.queue("events.dead-letters");
		for (int attempt = 1; attempt <= 3; attempt++) {
			names.queue("events.retry." + attempt);
		}
	}

	private static <T extends AutoCloseable> T open(T resource) {
		resources.push(resource);
		return resource;
	}

	@AfterAll
	static void stopServices() throws Exception {
		Exception failure = null;
		while (!resources.isEmpty()) {
			try {
				resources.pop().close();
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	@Test
	void tracksEveryRequestOfAUserJourneyWithoutItsSecrets() throws Exception {
		String agent = "e2e-journey/" + UUID.randomUUID();
		String username = "journey" + UUID.randomUUID().toString().substring(0, 8);
		String password = "journey password " + UUID.randomUUID();
		URI users = users().baseUri();
		URI notes = notes().baseUri();

		Response registered = send(agent, "POST", users.resolve("/api/users"), null,
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
		String userId = registered.field("id");
		String token = send(agent, "POST", users.resolve("/api/auth/login"), null,
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
			.field("token");
		Response me = send(agent, "GET", users.resolve("/api/users/me"), token, null);
		Response created = send(agent, "POST", notes.resolve("/api/notes"), token,
				"{\"title\":\"Shopping\",\"content\":\"milk\"}");
		String noteId = created.field("id");
		URI note = notes.resolve("/api/notes/" + noteId);
		Response read = send(agent, "GET", note, token, null);
		Response updated = send(agent, "PUT", note, token, "{\"title\":\"Shopping\",\"content\":\"milk, eggs\"}");
		Response listed = send(agent, "GET", notes.resolve("/api/notes"), token, null);
		Response deleted = send(agent, "DELETE", note, token, null);
		Response gone = send(agent, "GET", note, token, null);
		Response anonymous = send(agent, "GET", notes.resolve("/api/notes"), null, null);
		Response rejected = send(agent, "POST", users.resolve("/api/auth/login"), null,
				"{\"username\":\"" + username + "\",\"password\":\"wrong " + password + "\"}");

		assertThat(List.of(registered, me, created, read, updated, listed, deleted, gone, anonymous, rejected))
			.extracting(Response::status)
			.containsExactly(201, 200, 201, 200, 200, 200, 204, 404, 401, 401);
		assertThat(me.body()).contains(username).doesNotContain(password);
		List<StoredRow> rows = awaitRows(agent, 11);
		String notePath = "/api/notes/" + noteId;
		assertThat(rows)
			.extracting(StoredRow::service, StoredRow::method, StoredRow::path, StoredRow::statusCode,
					StoredRow::userId)
			.containsExactlyInAnyOrder(tuple("user-management", "POST", "/api/users", 201, null),
					tuple("user-management", "POST", "/api/auth/login", 200, null),
					tuple("user-management", "GET", "/api/users/me", 200, userId),
					tuple("note-management", "POST", "/api/notes", 201, userId),
					tuple("note-management", "GET", notePath, 200, userId),
					tuple("note-management", "PUT", notePath, 200, userId),
					tuple("note-management", "GET", "/api/notes", 200, userId),
					tuple("note-management", "DELETE", notePath, 204, userId),
					tuple("note-management", "GET", notePath, 404, userId),
					tuple("note-management", "GET", "/api/notes", 401, null),
					tuple("user-management", "POST", "/api/auth/login", 401, null));
		assertThat(rows).filteredOn((row) -> row.statusCode() != 401 || row.service().equals("user-management"))
			.extracting(StoredRow::method, StoredRow::route, StoredRow::statusCode)
			.containsExactlyInAnyOrder(tuple("POST", "/api/users", 201), tuple("POST", "/api/auth/login", 200),
					tuple("GET", "/api/users/me", 200), tuple("POST", "/api/notes", 201),
					tuple("GET", "/api/notes/{id}", 200), tuple("PUT", "/api/notes/{id}", 200),
					tuple("GET", "/api/notes", 200), tuple("DELETE", "/api/notes/{id}", 204),
					tuple("GET", "/api/notes/{id}", 404), tuple("POST", "/api/auth/login", 401));
		assertThat(rows).allSatisfy((row) -> assertThat(row.durationMs()).isPositive());
		assertNoSecretStored(password, token);
	}

	@Test
	void storesNoSecretFromQueryHeadersRefererOrSpoofedForwardedFor() throws Exception {
		String agent = "e2e-privacy/" + UUID.randomUUID();
		String username = "privacy" + UUID.randomUUID().toString().substring(0, 8);
		String password = "privacy password " + UUID.randomUUID();
		URI users = users().baseUri();
		send(agent, "POST", users.resolve("/api/users"), null,
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
		String token = send(agent, "POST", users.resolve("/api/auth/login"), null,
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
			.field("token");
		String queryPassword = "qp" + UUID.randomUUID();
		String accessToken = "at" + UUID.randomUUID();
		String apiKey = "ak" + UUID.randomUUID();
		String refererToken = "rt" + UUID.randomUUID();
		String cookie = "ck" + UUID.randomUUID();
		String spoofedIp = "203.0.113.77";
		URI me = users.resolve("/api/users/me?password=" + queryPassword + "&access_token=" + accessToken + "&api_key="
				+ apiKey + "&page=2");

		for (String authorization : new String[] { token, null }) {
			HttpRequest.Builder request = HttpRequest.newBuilder(me)
				.timeout(Duration.ofSeconds(10))
				.header("User-Agent", agent)
				.header("Referer", "https://app.example.com/reset?token=" + refererToken + "#" + refererToken)
				.header("Cookie", "SESSION=" + cookie)
				.header("X-Forwarded-For", spoofedIp)
				.GET();
			if (authorization != null) {
				request.header("Authorization", "Bearer " + authorization);
			}
			http.send(request.build(), HttpResponse.BodyHandlers.discarding());
		}

		List<StoredRow> rows = awaitRows(agent, 4);
		assertThat(rows).filteredOn((row) -> row.path().equals("/api/users/me"))
			.extracting(StoredRow::statusCode, StoredRow::clientIp)
			.containsExactlyInAnyOrder(tuple(200, "127.0.0.0"), tuple(401, "127.0.0.0"));
		assertThat(rows).extracting(StoredRow::clientIp).containsOnly("127.0.0.0");
		assertNoSecretStored(password, token, queryPassword, accessToken, apiKey, refererToken, cookie, spoofedIp);
	}

	@Test
	void storesABurstOfConcurrentRequestsExactlyOnce() throws Exception {
		// Concurrent requests leave the publisher as batches, which it sends compressed.
		String agent = "e2e-burst/" + UUID.randomUUID();
		URI notes = notes().baseUri();
		List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			responses.add(http.sendAsync(HttpRequest.newBuilder(notes.resolve("/api/notes?page=" + i))
				.timeout(Duration.ofSeconds(30))
				.header("User-Agent", agent)
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding()));
		}
		for (CompletableFuture<HttpResponse<Void>> response : responses) {
			assertThat(response.get().statusCode()).isEqualTo(401);
		}

		List<StoredRow> rows = awaitRows(agent, 200);

		assertThat(rows).hasSize(200).allSatisfy((row) -> assertThat(row.statusCode()).isEqualTo(401));
		assertThat(rows.stream().map(StoredRow::path).distinct()).hasSize(1);
		Pattern page = Pattern.compile("\"page\": ?\\[\"(\\d+)\"\\]");
		assertThat(rows.stream().map((row) -> {
			Matcher matcher = page.matcher(row.json());
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
		})).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).boxed().toList());
	}

	@Test
	void reportsWhatTheStarterCountedInThePipelineAnswer() throws Exception {
		String agent = "e2e-pipeline/" + UUID.randomUUID();
		URI notes = notes().baseUri();
		// One message each: a request is sent once the previous one is stored, well after
		// the publisher's batch linger.
		for (int i = 0; i < 3; i++) {
			send(agent, "GET", notes.resolve("/api/notes"), null, null);
			awaitRows(agent, i + 1);
		}
		URI pipeline = consumer().baseUri().resolve("/api/analytics/pipeline?service=note-management");

		JsonNode report = await("note-management's counters in %s".formatted(pipeline)).atMost(ROWS_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> viewerGet(pipeline), (answer) -> answer.get("publishers").size() == 1
					&& answer.get("publishers").get(0).get("captured").asLong() >= 3);

		// A message reports the events published before it, so the last one is not yet
		// in.
		JsonNode notesPublisher = report.get("publishers").get(0);
		assertThat(notesPublisher.get("service").asString()).isEqualTo("note-management");
		assertThat(notesPublisher.get("instances").asLong()).isEqualTo(1);
		assertThat(notesPublisher.get("published").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(notesPublisher.get("dropped").asLong()).isZero();
		assertThat(report.get("queue").get("consumers").asInt()).isEqualTo(1);
		assertThat(report.get("deadLetterQueue").get("messages").asLong()).isZero();
	}

	private static JsonNode viewerGet(URI uri) throws IOException, InterruptedException {
		String credentials = Base64.getEncoder()
			.encodeToString(("viewer:" + VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Basic " + credentials)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("status of %s: %s", uri, response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<StoredRow> awaitRows(String agent, int expected) {
		return await("%d rows sent with user agent %s".formatted(expected, agent)).atMost(ROWS_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> StoredRow.withUserAgent(database(), agent), (rows) -> rows.size() >= expected);
	}

	/**
	 * Search every column of every stored row for the secrets, and for each of the three
	 * parts of the JSON Web Tokens among them.
	 */
	private static void assertNoSecretStored(String... secrets) throws SQLException {
		List<String> rows = StoredRow.allAsJson(database());
		assertThat(rows).isNotEmpty();
		for (String secret : secrets) {
			assertThat(rows).as("rows containing a secret").noneMatch((row) -> row.contains(secret));
			if (secret.startsWith("eyJ")) {
				for (String part : secret.split("\\.")) {
					assertThat(rows).as("rows containing a part of a token").noneMatch((row) -> row.contains(part));
				}
			}
		}
	}

	private static Response send(String agent, String method, URI uri, @Nullable String token, @Nullable String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("User-Agent", agent)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	private static TestDatabase database() {
		assertThat(database).as("database started").isNotNull();
		return database;
	}

	private static ServiceProcess consumer() {
		assertThat(consumer).as("tracking-consumer started").isNotNull();
		return consumer;
	}

	private static ServiceProcess users() {
		assertThat(users).as("user-management started").isNotNull();
		return users;
	}

	private static ServiceProcess notes() {
		assertThat(notes).as("note-management started").isNotNull();
		return notes;
	}

	/**
	 * A response as the tests need it.
	 *
	 * @param status the HTTP status
	 * @param body the body text
	 */
	private record Response(int status, String body) {

		String field(String name) {
			assertThat(this.status).as("status of a response expected to carry '%s': %s", name, this.body)
				.isBetween(200, 299);
			return json.readTree(this.body).get(name).asString();
		}

	}

}

package io.github.requesttracking.consumer.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import io.github.requesttracking.consumer.Events;
import io.github.requesttracking.consumer.TestEnvironment;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.event.RequestEventCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest path against the real broker and database.
 */
@SpringBootTest(properties = "tracking.consumer.retry.initial-delay=200ms")
class IngestTests {

	private static final TestEnvironment environment = new TestEnvironment("ingest", 3);

	private static final RequestEventCodec codec = new RequestEventCodec();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		environment.register(registry);
	}

	@AfterAll
	static void close() {
		environment.close();
	}

	@Test
	void storesEveryColumnOfAnEvent() throws SQLException {
		RequestEvent event = Events.event();

		environment.publish(List.of(event));

		await().atMost(Duration.ofSeconds(20)).until(() -> rowExists(event));
		try (Connection connection = environment.database().connect();
				PreparedStatement statement = connection.prepareStatement("select service, method, path, route,"
						+ " query_params::text, host(client_ip), user_agent, referer, origin, user_id, status_code,"
						+ " duration_ms, sample_rate, occurred_at, received_at is not null from request_events"
						+ " where event_id = ?")) {
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
			}
		}
	}

	@Test
	void storesARedeliveredEventOnce() {
		List<RequestEvent> events = Events.events(30);

		environment.publish(events);
		environment.publish(events.subList(0, 10));
		environment.publishRaw(codec.encode(events.subList(5, 25)));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> environment.messageCount(environment.queue()) == 0
					&& environment.count("select count(*) from request_events where service = 'notes'") >= 30);
		assertThat(countOf(events)).isEqualTo(30);
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

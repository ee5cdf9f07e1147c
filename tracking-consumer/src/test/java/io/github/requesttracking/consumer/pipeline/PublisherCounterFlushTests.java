package io.github.requesttracking.consumer.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.github.requesttracking.consumer.pipeline.PipelineReport.Publisher;
import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static io.github.requesttracking.consumer.pipeline.PublisherCountersTests.headers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flushing counters into the real, migrated {@code publisher_counters} table and reading
 * the increase within a range back, as several consumers and restarted publishers produce
 * them.
 */
class PublisherCounterFlushTests {

	private static final Duration RETENTION = Duration.ofDays(400);

	private static final Instant FROM = Instant.parse("2026-01-05T10:00:00Z");

	private static final Instant TO = Instant.parse("2026-01-05T11:00:00Z");

	private static final TestDatabase database = PostgresServer.get().createDatabase("pipelineflush");

	private static JdbcTemplate jdbcTemplate;

	private static PublisherCounterRepository repository;

	@BeforeAll
	static void migrate() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
				database.password());
		Flyway.configure().dataSource(dataSource).load().migrate();
		jdbcTemplate = new JdbcTemplate(dataSource);
		repository = new PublisherCounterRepository(jdbcTemplate);
	}

	@AfterAll
	static void drop() {
		database.close();
	}

	@BeforeEach
	void empty() {
		jdbcTemplate.update("DELETE FROM publisher_counters");
	}

	@Test
	void countsTheIncreaseWithinTheRangeAcrossAPublisherRestart() {
		PublisherCounters consumer = new PublisherCounters();
		consumer.observe(headers("shop", "first", 100, 90, 2));
		flush(consumer, "2026-01-05T09:58:30Z");
		consumer.observe(headers("shop", "first", 150, 140, 5));
		flush(consumer, "2026-01-05T10:15:10Z");
		consumer.observe(headers("shop", "restarted", 20, 20, 1));
		flush(consumer, "2026-01-05T10:40:00Z");
		consumer.observe(headers("shop", "restarted", 30, 30, 1));
		flush(consumer, "2026-01-05T11:05:00Z");

		List<Publisher> totals = repository.totals(FROM, TO, null);

		// first: 150 - 100 and 140 - 90, buffer_full 5 - 2; restarted counts from zero
		assertThat(totals).singleElement().satisfies((shop) -> {
			assertThat(shop.service()).isEqualTo("shop");
			assertThat(shop.instances()).isEqualTo(2);
			assertThat(shop.captured()).isEqualTo(70);
			assertThat(shop.published()).isEqualTo(70);
			assertThat(shop.confirmed()).isEqualTo(70);
			assertThat(shop.sampledOut()).isEqualTo(7);
			assertThat(shop.dropped()).isEqualTo(4);
			assertThat(shop.droppedByReason())
				.containsExactlyInAnyOrderEntriesOf(Map.of("buffer_full", 4L, "shutdown", 0L));
			assertThat(shop.lastSeen()).isEqualTo(Instant.parse("2026-01-05T10:40:00Z"));
		});
	}

	@Test
	void mergesTheFlushesOfSeveralConsumersWithoutLoweringACounter() {
		PublisherCounters first = new PublisherCounters();
		PublisherCounters second = new PublisherCounters();
		second.observe(headers("shop", "a", 10, 10, 0));
		flush(second, "2026-01-05T09:50:00Z");
		first.observe(headers("shop", "a", 50, 50, 3));
		second.observe(headers("shop", "a", 40, 40, 1));
		flush(first, "2026-01-05T10:10:05Z");
		flush(second, "2026-01-05T10:10:45Z");
		first.unwritten(List.of(PublisherCountersTests.snapshot("shop", "a", 50, 50, 3)));
		flush(first, "2026-01-05T10:10:50Z");
		second.observe(headers("shop", "a", 45, 45, 2));
		flush(second, "2026-01-05T10:20:00Z");

		List<Publisher> totals = repository.totals(FROM, TO, "shop");

		assertThat(jdbcTemplate.queryForObject(
				"SELECT published FROM publisher_counters WHERE bucket_start = '2026-01-05 10:10+00'", Long.class))
			.isEqualTo(50);
		assertThat(totals).singleElement().satisfies((shop) -> {
			assertThat(shop.instances()).isEqualTo(1);
			assertThat(shop.published()).isEqualTo(40);
			assertThat(shop.droppedByReason()).containsEntry("buffer_full", 3L);
		});
	}

	@Test
	void answersOnlyTheServiceAskedForAndNothingForAQuietRange() {
		PublisherCounters consumer = new PublisherCounters();
		consumer.observe(headers("shop", "a", 5, 5, 0));
		consumer.observe(headers("auth", "b", 3, 3, 0));
		flush(consumer, "2026-01-05T10:30:00Z");

		assertThat(repository.totals(FROM, TO, "auth")).extracting(Publisher::service).containsExactly("auth");
		assertThat(repository.totals(FROM, TO, null)).extracting(Publisher::service).containsExactly("auth", "shop");
		assertThat(repository.totals(TO, TO.plusSeconds(3600), null)).isEmpty();
	}

	@Test
	void keepsTheCountersForTheNextRunWhenTheDatabaseIsDown() {
		PublisherCounters consumer = new PublisherCounters();
		consumer.observe(headers("shop", "a", 5, 5, 0));
		PublisherCounterRepository unreachable = new PublisherCounterRepository(
				new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none", "none", "none")));

		new PublisherCounterFlusher(consumer, unreachable, RETENTION, clock("2026-01-05T10:10:00Z")).run();
		flush(consumer, "2026-01-05T10:20:00Z");

		assertThat(repository.totals(FROM, TO, null)).singleElement()
			.satisfies((shop) -> assertThat(shop.published()).isEqualTo(5));
	}

	@Test
	void deletesExpiredCountersButKeepsTheBaselineOfAnInstanceStillReporting() {
		PublisherCounters consumer = new PublisherCounters();
		consumer.observe(headers("shop", "live", 10, 10, 0));
		consumer.observe(headers("shop", "gone", 10, 10, 0));
		flush(consumer, "2024-11-01T00:00:00Z");
		consumer.observe(headers("shop", "live", 20, 20, 0));
		flush(consumer, "2024-11-20T00:00:00Z");
		consumer.observe(headers("shop", "live", 25, 25, 0));

		flush(consumer, "2026-01-05T10:30:00Z");

		assertThat(jdbcTemplate.queryForList(
				"SELECT instance_id || ' ' || bucket_start::date FROM publisher_counters " + "ORDER BY bucket_start",
				String.class))
			.containsExactly("live 2024-11-20", "live 2026-01-05");
		assertThat(repository.totals(FROM, TO, null)).singleElement()
			.satisfies((shop) -> assertThat(shop.published()).isEqualTo(5));
	}

	private static void flush(PublisherCounters counters, String at) {
		new PublisherCounterFlusher(counters, repository, RETENTION, clock(at)).run();
	}

	private static Clock clock(String at) {
		return Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
	}

}

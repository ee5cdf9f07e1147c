package io.github.requesttracking.consumer.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.requesttracking.consumer.Events;
import io.github.requesttracking.consumer.enrichment.Enrichment;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC store against the real, migrated table.
 */
class JdbcEventStoreTests {

	private static final TestDatabase database = PostgresServer.get().createDatabase("jdbcstore");

	private static JdbcTemplate jdbcTemplate;

	@BeforeAll
	static void migrate() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
				database.password());
		Flyway.configure().dataSource(dataSource).load().migrate();
		jdbcTemplate = new JdbcTemplate(dataSource);
	}

	@AfterAll
	static void drop() {
		database.close();
	}

	@Test
	void insertsNewEventsWithTheirEnrichmentAndReportsSkippedDuplicates() {
		JdbcEventStore store = new JdbcEventStore(jdbcTemplate);
		Enrichment enrichment = new Enrichment("GB", "United Kingdom", "London", 51.5, -0.1, "Firefox", "128", "Linux",
				"desktop", false);
		List<EventRow> rows = Events.events(3).stream().map((event) -> row(event, enrichment)).toList();

		int first = store.store(rows);
		int second = store.store(List.of(rows.get(0), row(Events.event(), Enrichment.NONE)));

		assertThat(first).isEqualTo(3);
		assertThat(second).isEqualTo(1);
		assertThat(jdbcTemplate.queryForObject("select count(*) from request_events", Long.class)).isEqualTo(4);
		assertThat(jdbcTemplate
			.queryForList("select country_code, country, city, latitude, longitude,"
					+ " browser_family, browser_major, os_family, device_class, is_bot, host(client_ip),"
					+ " query_params::text from request_events where event_id = ?", rows.get(1).eventId())
			.get(0))
			.containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("country_code", "GB"),
					Map.entry("country", "United Kingdom"), Map.entry("city", "London"), Map.entry("latitude", 51.5),
					Map.entry("longitude", -0.1), Map.entry("browser_family", "Firefox"),
					Map.entry("browser_major", "128"), Map.entry("os_family", "Linux"),
					Map.entry("device_class", "desktop"), Map.entry("is_bot", false), Map.entry("host", "81.2.69.0"),
					Map.entry("query_params", "{\"page\": [\"2\"]}")));
	}

	private static EventRow row(RequestEvent event, Enrichment enrichment) {
		return new EventRow(event, "{\"page\":[\"2\"]}", Instant.now(), enrichment);
	}

}

package io.github.requesttracking.consumer.enrichment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.requesttracking.consumer.TestEnvironment;
import io.github.requesttracking.event.RequestEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running consumer stores what the enricher derived, read from a GeoIP database the
 * test wrote and through the real MaxMind reader.
 */
@Import(TestEnvironment.CleanUp.class)
@DirtiesContext
@SpringBootTest
class EnrichedIngestTests {

	private static final TestEnvironment environment = new TestEnvironment("enriched", 3);

	private static final Path directory = temporaryDirectory();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		environment.register(registry);
		Path database = TestGeoDatabases.cities().write(directory.resolve("GeoLite2-City.mmdb"));
		registry.add("tracking.consumer.geoip.database", database::toString);
	}

	@AfterAll
	static void close() throws IOException {
		try (var files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(directory);
	}

	@Test
	void storesLocationAndParsedUserAgentWithTheEvent() throws SQLException {
		RequestEvent event = TestGeoDatabases.event("175.16.199.0",
				"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
						+ "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1");

		environment.publish(List.of(event));

		await().atMost(Duration.ofSeconds(60)).until(() -> !stored(event).isEmpty());
		assertThat(stored(event)).containsEntry("country_code", "CN")
			.containsEntry("country", "China")
			.containsEntry("city", "Changchun")
			.containsEntry("latitude", "43.88")
			.containsEntry("longitude", "125.32")
			.containsEntry("browser_family", "Safari")
			.containsEntry("browser_major", "17")
			.containsEntry("os_family", "iOS")
			.containsEntry("device_class", "mobile")
			.containsEntry("is_bot", "f");
	}

	@Test
	void reportsTheGeoDatabaseInHealth(@Autowired HealthContributorRegistry health) {
		HealthIndicator geoDatabase = (HealthIndicator) health.getContributor("geoDatabase");

		assertThat(geoDatabase.health().getStatus()).isEqualTo(Status.UP);
		assertThat(geoDatabase.health().getDetails()).containsEntry("buildTime", TestGeoDatabases.BUILT.toString());
	}

	private static Map<String, String> stored(RequestEvent event) throws SQLException {
		String sql = "SELECT country_code, country, city, latitude, longitude, browser_family, browser_major, "
				+ "os_family, device_class, is_bot FROM request_events WHERE event_id = ?";
		try (Connection connection = environment.database().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, event.eventId());
			try (ResultSet row = statement.executeQuery()) {
				Map<String, String> columns = new LinkedHashMap<>();
				if (row.next()) {
					for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
						columns.put(row.getMetaData().getColumnName(i), row.getString(i));
					}
				}
				return columns;
			}
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("enriched-ingest");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

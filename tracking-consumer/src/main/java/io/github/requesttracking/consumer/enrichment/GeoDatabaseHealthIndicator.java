package io.github.requesttracking.consumer.enrichment;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the GeoIP database: {@code UP} with its type and build time when loaded,
 * {@code UNKNOWN} while the file is missing or unreadable. Never {@code DOWN}: events are
 * still stored without geolocation.
 */
final class GeoDatabaseHealthIndicator implements HealthIndicator {

	private final GeoDatabase database;

	GeoDatabaseHealthIndicator(GeoDatabase database) {
		this.database = database;
	}

	@Override
	public Health health() {
		GeoDatabase.Loaded loaded = this.database.loaded();
		if (loaded == null) {
			return Health.unknown()
				.withDetail("path", this.database.path().toString())
				.withDetail("reason", "no readable database at this path; geolocation columns stay empty")
				.build();
		}
		return Health.up()
			.withDetail("path", this.database.path().toString())
			.withDetail("databaseType", loaded.databaseType())
			.withDetail("buildTime", loaded.buildTime().toString())
			.withDetail("loadedAt", loaded.loadedAt().toString())
			.build();
	}

}

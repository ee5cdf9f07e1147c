package io.github.requesttracking.consumer.enrichment;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.maxmind.db.ClosedDatabaseException;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.CityResponse;
import io.github.requesttracking.testsupport.geo.MmdbWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static io.github.requesttracking.consumer.enrichment.TestGeoDatabases.JAPAN;
import static io.github.requesttracking.consumer.enrichment.TestGeoDatabases.NORWAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class GeoDatabaseTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	private GeoDatabase database;

	@AfterEach
	void closeDatabase() {
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void findsCountryCityAndLocationOfAnIpv4Network() throws IOException {
		Path file = TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb"));
		this.database = started(file);

		CityResponse city = this.database.city(InetAddress.getByName("175.16.199.0")).orElseThrow();

		assertThat(city.country().isoCode()).isEqualTo("CN");
		assertThat(city.city().name()).isEqualTo("Changchun");
		assertThat(city.location().latitude()).isEqualTo(43.88);
	}

	@Test
	void picksUpADatabaseReplacedByRenameWithoutRestart() throws IOException {
		Path file = TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb"));
		this.database = started(file);
		InetAddress address = InetAddress.getByName("175.16.199.0");

		MmdbWriter.city().add("175.16.199.0/24", NORWAY).replace(file);

		await().atMost(BOUND)
			.untilAsserted(() -> assertThat(this.database.city(address))
				.hasValueSatisfying((city) -> assertThat(city.country().isoCode()).isEqualTo("NO")));
	}

	@Test
	void closesTheReplacedReaderOnlyAfterTheGracePeriod() throws Exception {
		Path file = TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb"));
		this.database = new GeoDatabase(TestGeoDatabases.properties(file, Duration.ofSeconds(3)));
		this.database.start();
		DatabaseReader first = this.database.loaded().reader();
		InetAddress address = InetAddress.getByName("175.16.199.0");

		MmdbWriter.city().add("175.16.199.0/24", NORWAY).replace(file);
		await().atMost(BOUND).until(() -> this.database.loaded().reader() != first);

		assertThat(first.tryCity(address)).isPresent();
		await().atMost(BOUND)
			.untilAsserted(() -> assertThatExceptionOfType(ClosedDatabaseException.class)
				.isThrownBy(() -> first.tryCity(address)));
	}

	@Test
	void leavesLocationsEmptyWhileTheFileIsMissingAndLoadsItWhenItAppears() throws IOException {
		Path file = this.directory.resolve("later.mmdb");
		this.database = started(file);
		InetAddress address = InetAddress.getByName("2001:218::");

		assertThat(this.database.available()).isFalse();
		assertThat(this.database.city(address)).isEmpty();

		MmdbWriter.city().add("2001:218::/32", JAPAN).replace(file);

		await().atMost(BOUND).untilAsserted(() -> assertThat(this.database.city(address)).isPresent());
	}

	@Test
	void keepsThePreviousDatabaseWhenTheReplacementIsUnreadable() throws IOException {
		Path file = TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb"));
		this.database = started(file);
		Path broken = Files.writeString(this.directory.resolve("broken.tmp"), "not a MaxMind database");

		Files.move(broken, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		this.database.refresh();

		assertThat(this.database.city(InetAddress.getByName("175.16.199.0"))).isPresent();
	}

	@Test
	void healthIsUpWithTheBuildTimeOfTheLoadedDatabase() {
		Path file = TestGeoDatabases.cities().write(this.directory.resolve("city.mmdb"));
		this.database = started(file);

		Health health = new GeoDatabaseHealthIndicator(this.database).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("buildTime", TestGeoDatabases.BUILT.toString())
			.containsEntry("databaseType", "GeoLite2-City");
	}

	@Test
	void healthIsUnknownButNotDownWhileTheFileIsMissing() {
		this.database = started(this.directory.resolve("missing.mmdb"));

		Health health = new GeoDatabaseHealthIndicator(this.database).health();

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsKey("reason");
	}

	private static GeoDatabase started(Path file) {
		GeoDatabase database = new GeoDatabase(TestGeoDatabases.properties(file));
		database.start();
		return database;
	}

}

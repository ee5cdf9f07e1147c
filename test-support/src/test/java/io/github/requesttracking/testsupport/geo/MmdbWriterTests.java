package io.github.requesttracking.testsupport.geo;

import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MmdbWriterTests {

	private static final CityRecord CHANGCHUN = CityRecord.of("CN", "China")
		.withCity("Changchun")
		.withLocation(43.88, 125.3228, 50)
		.withContinent("AS", "Asia");

	private static final CityRecord JAPAN = CityRecord.of("JP", "Japan").withLocation(35.69, 139.69, 100);

	@TempDir
	Path directory;

	@Test
	void ipv4NetworkIsFoundWithEveryCityField() throws Exception {
		Path file = MmdbWriter.city().add("175.16.199.0/24", CHANGCHUN).write(this.directory.resolve("city.mmdb"));

		CityResponse city = lookUp(file, "175.16.199.37").orElseThrow();

		assertThat(city.country().isoCode()).isEqualTo("CN");
		assertThat(city.country().name()).isEqualTo("China");
		assertThat(city.city().name()).isEqualTo("Changchun");
		assertThat(city.location().latitude()).isEqualTo(43.88);
		assertThat(city.location().longitude()).isEqualTo(125.3228);
		assertThat(city.location().accuracyRadius()).isEqualTo(50);
		assertThat(city.continent().code()).isEqualTo("AS");
		assertThat(city.continent().name()).isEqualTo("Asia");
		assertThat(city.registeredCountry().isoCode()).isEqualTo("CN");
		assertThat(city.traits().network()).hasToString("175.16.199.0/24");
	}

	@Test
	void ipv6NetworkIsFound() throws Exception {
		Path file = MmdbWriter.city().add("2001:218::/32", JAPAN).write(this.directory.resolve("city.mmdb"));

		CityResponse city = lookUp(file, "2001:218:1234::").orElseThrow();

		assertThat(city.country().isoCode()).isEqualTo("JP");
		assertThat(city.city().name()).isNull();
		assertThat(city.location().accuracyRadius()).isEqualTo(100);
		assertThat(city.traits().network()).hasToString("2001:218:0:0:0:0:0:0/32");
	}

	@Test
	void ipv4MappedAndSixToFourAddressesReachTheIpv4Networks() throws Exception {
		Path file = MmdbWriter.city().add("175.16.199.0/24", CHANGCHUN).write(this.directory.resolve("city.mmdb"));

		try (Reader reader = new Reader(file.toFile())) {
			Map<String, Object> mapped = asMap(
					reader.get(Inet6Address.getByAddress(null, ipv4Mapped(175, 16, 199, 9), -1), Map.class));
			Map<String, Object> sixToFour = asMap(reader.get(InetAddress.getByName("2002:af10:c709::"), Map.class));

			assertThat(mapped).extractingByKey("country", InstanceOfAssertFactories.MAP)
				.containsEntry("iso_code", "CN");
			assertThat(sixToFour).isEqualTo(mapped);
		}
	}

	@Test
	void addressesOutsideEveryNetworkAreMisses() throws Exception {
		Path file = MmdbWriter.city()
			.add("175.16.199.0/24", CHANGCHUN)
			.add("2001:218::/32", JAPAN)
			.write(this.directory.resolve("city.mmdb"));

		assertThat(lookUp(file, "175.16.200.1")).isEmpty();
		assertThat(lookUp(file, "10.0.0.1")).isEmpty();
		assertThat(lookUp(file, "2001:219::1")).isEmpty();
		assertThat(lookUp(file, "::1")).isEmpty();
	}

	@Test
	void narrowerNetworkAddedLaterOverridesPartOfAWiderOne() throws Exception {
		Path file = MmdbWriter.city()
			.add("81.2.0.0/16", CityRecord.of("GB", "United Kingdom"))
			.add("81.2.69.0/24", CityRecord.of("GB", "United Kingdom").withCity("London"))
			.write(this.directory.resolve("city.mmdb"));

		assertThat(lookUp(file, "81.2.69.142").orElseThrow().city().name()).isEqualTo("London");
		assertThat(lookUp(file, "81.2.70.1").orElseThrow().city().name()).isNull();
		assertThat(lookUp(file, "81.2.70.1").orElseThrow().country().isoCode()).isEqualTo("GB");
	}

	@Test
	void metadataDescribesAGeoLite2CityDatabase() throws Exception {
		Instant built = Instant.parse("2026-09-18T04:49:38Z");
		Path file = MmdbWriter.city()
			.add("175.16.199.0/24", CHANGCHUN)
			.buildTime(built)
			.description("cities for a test")
			.write(this.directory.resolve("city.mmdb"));

		try (DatabaseReader reader = new DatabaseReader.Builder(file.toFile()).build()) {
			Metadata metadata = reader.metadata();
			assertThat(metadata.databaseType()).isEqualTo("GeoLite2-City");
			assertThat(metadata.ipVersion()).isEqualTo(6);
			assertThat(metadata.recordSize()).isEqualTo(24);
			assertThat(metadata.binaryFormatMajorVersion()).isEqualTo(2);
			assertThat(metadata.binaryFormatMinorVersion()).isZero();
			assertThat(metadata.buildTime()).isEqualTo(built);
			assertThat(metadata.languages()).containsExactly("en");
			assertThat(metadata.description()).containsEntry("en", "cities for a test");
			assertThat(metadata.nodeCount()).isGreaterThan(96);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 24, 28, 32 })
	void everyRecordSizeIsReadBack(int bits) throws Exception {
		MmdbWriter writer = MmdbWriter.city().recordSize(bits);
		for (int i = 0; i < 64; i++) {
			writer.add("10." + i + ".0.0/16", CityRecord.of("C" + i, "Country " + i));
		}
		writer.add("2001:db8::/32", JAPAN);
		Path file = writer.write(this.directory.resolve("city-" + bits + ".mmdb"));

		try (DatabaseReader reader = reader(file)) {
			assertThat(reader.metadata().recordSize()).isEqualTo(bits);
			assertThat(reader.tryCity(InetAddress.getByName("10.42.1.1")).orElseThrow().country().isoCode())
				.isEqualTo("C42");
			assertThat(reader.tryCity(InetAddress.getByName("2001:db8::1")).orElseThrow().country().isoCode())
				.isEqualTo("JP");
		}
	}

	@Test
	void rawRecordsKeepTheirFieldTypes() throws Exception {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("text", "é and a string longer than twenty-nine bytes, to use a size byte");
		record.put("uint16", 65_535);
		record.put("uint32", 4_000_000_000L);
		record.put("uint64", new BigInteger("18446744073709551615"));
		record.put("double", -0.5);
		record.put("float", 1.5f);
		record.put("flag", true);
		record.put("list", List.of("a", false, 7));
		record.put("bytes", new byte[] { 1, 2, 3 });
		record.put("long", "x".repeat(70_000));
		Path file = MmdbWriter.ofType("Test-Types").add("192.0.2.0/24", record).write(this.directory.resolve("t.mmdb"));

		try (Reader reader = new Reader(file.toFile())) {
			Map<String, Object> read = asMap(reader.get(InetAddress.getByName("192.0.2.1"), Map.class));

			assertThat(read).containsEntry("text", record.get("text"))
				.containsEntry("uint16", 65_535)
				.containsEntry("uint32", 4_000_000_000L)
				.containsEntry("uint64", new BigInteger("18446744073709551615"))
				.containsEntry("double", -0.5)
				.containsEntry("float", 1.5f)
				.containsEntry("flag", true)
				.containsEntry("list", List.of("a", false, 7))
				.containsEntry("long", record.get("long"));
			assertThat((byte[]) read.get("bytes")).containsExactly(1, 2, 3);
		}
	}

	@Test
	void replaceRenamesANewDatabaseOverTheOldOne() throws Exception {
		Path file = MmdbWriter.city().add("175.16.199.0/24", CHANGCHUN).write(this.directory.resolve("city.mmdb"));

		MmdbWriter.city().add("175.16.199.0/24", JAPAN).replace(file);

		assertThat(lookUp(file, "175.16.199.1").orElseThrow().country().isoCode()).isEqualTo("JP");
		assertThat(this.directory).isDirectoryNotContaining("glob:**.tmp");
	}

	@Test
	void rejectsNetworksThatAreNotAddressLiterals() {
		MmdbWriter writer = MmdbWriter.city();
		CityRecord record = CityRecord.of("GB", "United Kingdom");

		assertThatIllegalArgumentException().isThrownBy(() -> writer.add("example.com/24", record))
			.withMessageContaining("example.com");
		assertThatIllegalArgumentException().isThrownBy(() -> writer.add("10.0.0.0/33", record))
			.withMessageContaining("1 to 32");
		assertThatIllegalArgumentException().isThrownBy(() -> writer.add("::ffff:10.0.0.0/120", record))
			.withMessageContaining("dotted IPv4");
		assertThatIllegalArgumentException().isThrownBy(() -> writer.add("2002:a00::/24", record))
			.withMessageContaining("alias");
		assertThatIllegalArgumentException().isThrownBy(() -> writer.add("10.0.0.0/8", Map.of("n", -1)))
			.withMessageContaining("-1");
	}

	private static Optional<CityResponse> lookUp(Path file, String address) throws IOException, GeoIp2Exception {
		try (DatabaseReader reader = reader(file)) {
			return reader.tryCity(InetAddress.getByName(address));
		}
	}

	private static DatabaseReader reader(Path file) throws IOException {
		return new DatabaseReader.Builder(file.toFile()).withCache(new CHMCache())
			.fileMode(Reader.FileMode.MEMORY)
			.locales(List.of("en"))
			.build();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	private static byte[] ipv4Mapped(int a, int b, int c, int d) {
		return new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) a, (byte) b, (byte) c,
				(byte) d };
	}

}

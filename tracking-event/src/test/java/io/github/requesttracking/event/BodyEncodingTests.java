package io.github.requesttracking.event;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BodyEncodingTests {

	private static final byte[] JSON = "[{\"schema_version\":1},{\"schema_version\":1},{\"schema_version\":1}]"
		.repeat(50)
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void gzipIsReadableByTheJdkAndRoundTrips() throws Exception {
		byte[] compressed = BodyEncoding.gzip(JSON);

		assertThat(compressed.length).isLessThan(JSON.length / 10);
		try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
			assertThat(in.readAllBytes()).isEqualTo(JSON);
		}
		assertThat(BodyEncoding.decode(compressed, "gzip", JSON.length)).isEqualTo(JSON);
		assertThat(BodyEncoding.decode(compressed, "GZIP", JSON.length)).isEqualTo(JSON);
	}

	@Test
	void reusedCompressorWritesEachBodyWholeAndCompressesOnlyTheGivenRange() throws Exception {
		java.util.Random random = new java.util.Random(3);
		byte[] incompressible = new byte[300_000];
		random.nextBytes(incompressible);
		byte[] padded = new byte[JSON.length + 20];
		System.arraycopy(JSON, 0, padded, 10, JSON.length);
		try (BodyEncoding.GzipCompressor compressor = new BodyEncoding.GzipCompressor()) {
			for (byte[] body : new byte[][] { JSON, new byte[0], incompressible, new byte[5_000_000], JSON }) {
				byte[] compressed = compressor.compress(body, 0, body.length);
				try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
					assertThat(in.readAllBytes()).isEqualTo(body);
				}
			}
			byte[] range = compressor.compress(padded, 10, JSON.length);
			assertThat(BodyEncoding.decode(range, "gzip", JSON.length)).isEqualTo(JSON);
		}
	}

	@Test
	void readsGzipWrittenByAnotherLibraryIncludingConcatenatedMembers() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < 2; i++) {
			try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
				@Override
				public void close() throws java.io.IOException {
					finish();
				}
			}) {
				out.write("ab".getBytes(StandardCharsets.UTF_8));
			}
		}

		assertThat(new String(BodyEncoding.decode(bytes.toByteArray(), "gzip", 100), StandardCharsets.UTF_8))
			.isEqualTo("abab");
	}

	@Test
	void leavesUnencodedBodiesAsTheyAre() {
		assertThat(BodyEncoding.decode(JSON, null, 1)).isSameAs(JSON);
		assertThat(BodyEncoding.decode(JSON, "", 1)).isSameAs(JSON);
		assertThat(BodyEncoding.decode(JSON, "identity", 1)).isSameAs(JSON);
	}

	@Test
	void rejectsAnUnknownEncodingNamingIt() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> BodyEncoding.decode(JSON, "br\u0000" + "x".repeat(100), 1_000_000))
			.withMessageStartingWith("Message body has the unsupported content encoding 'br?xxx")
			.withMessageContaining("...'");
	}

	@Test
	void rejectsCorruptAndTruncatedGzip() {
		byte[] compressed = BodyEncoding.gzip(JSON);

		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> BodyEncoding.decode(JSON, "gzip", 1_000_000))
			.withMessageStartingWith("Message body is not valid gzip");
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> BodyEncoding.decode(Arrays.copyOf(compressed, compressed.length - 5), "gzip", 1_000_000))
			.withMessageStartingWith("Message body is not valid gzip");
	}

	@Test
	void stopsABodyThatExpandsBeyondTheLimitWithoutInflatingItAll() {
		byte[] bomb = BodyEncoding.gzip(new byte[64 * 1024 * 1024]);

		assertThat(bomb.length).isLessThan(400_000);
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> BodyEncoding.decode(bomb, "gzip", 1024 * 1024))
			.withMessage("Message body expands to more than 1048576 bytes when decompressed");
	}

}

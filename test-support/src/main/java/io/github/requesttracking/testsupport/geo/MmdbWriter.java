package io.github.requesttracking.testsupport.geo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Builds a MaxMind DB file (format 2.0) in memory and writes it, so that tests can
 * geolocate against a small database of their own through the real MaxMind reader.
 * <p>
 * The tree is an IPv6 tree; IPv4 networks live under {@code ::/96}, and
 * {@code ::ffff:0:0/96} (IPv4-mapped) and {@code 2002::/16} (6to4) lead to the same IPv4
 * subtree, as in MaxMind's own databases. A network added later replaces what earlier
 * ones said for the addresses it covers. Records are written once and shared by every
 * network that carries an identical record. <pre class="code">
 * MmdbWriter.city()
 *     .add("175.16.199.0/24", CityRecord.of("CN", "China").withCity("Changchun"))
 *     .add("2001:218::/32", CityRecord.of("JP", "Japan"))
 *     .write(path);
 * </pre> Values in a raw record map are written as the type the MaxMind Java reader
 * decodes back to the same Java type: {@code String} as utf8_string, {@code Double} as
 * double, {@code Float} as float, {@code Integer} as uint16, {@code Long} as uint32,
 * {@code BigInteger} as uint64, {@code Boolean}, {@code byte[]}, {@code Map} and
 * {@code List}.
 */
public final class MmdbWriter {

	private static final byte[] METADATA_MARKER = concat(new byte[] { (byte) 0xAB, (byte) 0xCD, (byte) 0xEF },
			"MaxMind.com".getBytes(StandardCharsets.US_ASCII));

	private static final int DATA_SECTION_SEPARATOR_SIZE = 16;

	private static final byte[] IPV4_MAPPED = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0 };

	private static final byte[] SIX_TO_FOUR = { 0x20, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

	private final String databaseType;

	private final SearchTree tree = new SearchTree();

	private List<String> languages = List.of("en");

	private Map<String, String> description = new LinkedHashMap<>();

	private Instant buildTime = Instant.now();

	private int recordSize;

	private MmdbWriter(String databaseType) {
		this.databaseType = databaseType;
		this.description.put("en", "Test database written by the request-tracking test support");
	}

	/**
	 * Starts a database of type {@code GeoLite2-City}, holding records shaped like
	 * MaxMind's GeoLite2 City database.
	 * @return a new writer
	 */
	public static MmdbWriter city() {
		return new MmdbWriter("GeoLite2-City");
	}

	/**
	 * Starts a database of any type, for records given as raw maps.
	 * @param databaseType the {@code database_type} written in the metadata
	 * @return a new writer
	 */
	public static MmdbWriter ofType(String databaseType) {
		return new MmdbWriter(databaseType);
	}

	/**
	 * Maps a network to a city record.
	 * @param network an address or CIDR network such as {@code 175.16.199.0/24} or
	 * {@code 2001:218::/32}
	 * @param record the record returned for every address in the network
	 * @return this writer
	 */
	public MmdbWriter add(String network, CityRecord record) {
		return add(network, record.toMap());
	}

	/**
	 * Maps a network to a raw record.
	 * @param network an address or CIDR network such as {@code 175.16.199.0/24} or
	 * {@code 2001:218::/32}
	 * @param record the record returned for every address in the network
	 * @return this writer
	 */
	public MmdbWriter add(String network, Map<String, ?> record) {
		Network parsed = Network.parse(network);
		this.tree.insert(parsed.address(), parsed.prefixLength(), new EncodedRecord(DataSectionEncoder.encode(record)));
		return this;
	}

	/**
	 * Sets the build time written as {@code build_epoch}; defaults to now.
	 * @param buildTime the build time, truncated to seconds
	 * @return this writer
	 */
	public MmdbWriter buildTime(Instant buildTime) {
		this.buildTime = buildTime;
		return this;
	}

	/**
	 * Sets the languages listed in the metadata; defaults to {@code en}.
	 * @param languages locale codes
	 * @return this writer
	 */
	public MmdbWriter languages(List<String> languages) {
		this.languages = List.copyOf(languages);
		return this;
	}

	/**
	 * Sets the English description written in the metadata.
	 * @param description the description
	 * @return this writer
	 */
	public MmdbWriter description(String description) {
		this.description.put("en", description);
		return this;
	}

	/**
	 * Forces the record size of the search tree instead of the smallest that fits.
	 * @param bits 24, 28 or 32
	 * @return this writer
	 */
	public MmdbWriter recordSize(int bits) {
		if (bits != 24 && bits != 28 && bits != 32) {
			throw new IllegalArgumentException("Record size must be 24, 28 or 32 bits, got " + bits);
		}
		this.recordSize = bits;
		return this;
	}

	/**
	 * Writes the database to {@code target}, replacing an existing file in place.
	 * @param target the file to write
	 * @return {@code target}
	 */
	public Path write(Path target) {
		try {
			Files.write(target, toBytes());
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write MaxMind DB to " + target, ex);
		}
	}

	/**
	 * Writes the database next to {@code target} and renames it over {@code target}
	 * atomically, the way {@code geoipupdate} replaces a database that readers may have
	 * mapped into memory.
	 * @param target the file to replace
	 * @return {@code target}
	 */
	public Path replace(Path target) {
		Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
		write(temporary);
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not rename " + temporary + " to " + target, ex);
		}
	}

	/**
	 * Returns the bytes of the database file.
	 * @return the file content
	 */
	public byte[] toBytes() {
		aliasIpv4Subtree();
		Map<SearchTree.Node, Integer> numbers = SearchTree.identityNumbers();
		List<SearchTree.Node> nodes = this.tree.numberedNodes(numbers);
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		Map<ByteBuffer, Integer> offsets = new HashMap<>();
		for (SearchTree.Node node : nodes) {
			placeRecord(node.zero, data, offsets);
			placeRecord(node.one, data, offsets);
		}
		int bits = chooseRecordSize(nodes.size(), data.size());
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		for (SearchTree.Node node : nodes) {
			writeNode(file, bits, recordValue(node.zero, nodes.size(), numbers, offsets),
					recordValue(node.one, nodes.size(), numbers, offsets));
		}
		file.writeBytes(new byte[DATA_SECTION_SEPARATOR_SIZE]);
		file.writeBytes(data.toByteArray());
		file.writeBytes(METADATA_MARKER);
		file.writeBytes(DataSectionEncoder.encode(metadata(nodes.size(), bits)));
		return file.toByteArray();
	}

	private void aliasIpv4Subtree() {
		byte[] ipv4Root = new byte[16];
		this.tree.alias(IPV4_MAPPED, 96, ipv4Root, 96);
		this.tree.alias(SIX_TO_FOUR, 16, ipv4Root, 96);
	}

	private static void placeRecord(@Nullable Object child, ByteArrayOutputStream data,
			Map<ByteBuffer, Integer> offsets) {
		if (child instanceof EncodedRecord record) {
			offsets.computeIfAbsent(ByteBuffer.wrap(record.bytes()), (key) -> {
				int offset = data.size();
				data.writeBytes(record.bytes());
				return offset;
			});
		}
	}

	private static long recordValue(@Nullable Object child, int nodeCount, Map<SearchTree.Node, Integer> numbers,
			Map<ByteBuffer, Integer> offsets) {
		if (child instanceof SearchTree.Node node) {
			return numbers.get(node);
		}
		if (child instanceof EncodedRecord record) {
			return (long) nodeCount + DATA_SECTION_SEPARATOR_SIZE + offsets.get(ByteBuffer.wrap(record.bytes()));
		}
		return nodeCount;
	}

	private int chooseRecordSize(int nodeCount, int dataSize) {
		long largest = (long) nodeCount + DATA_SECTION_SEPARATOR_SIZE + dataSize;
		int needed = (largest < (1L << 24)) ? 24 : (largest < (1L << 28)) ? 28 : 32;
		if (this.recordSize != 0 && this.recordSize < needed) {
			throw new IllegalStateException(
					"Record size " + this.recordSize + " cannot address " + largest + "; use " + needed);
		}
		return (this.recordSize != 0) ? this.recordSize : needed;
	}

	private static void writeNode(ByteArrayOutputStream out, int bits, long zero, long one) {
		switch (bits) {
			case 24 -> {
				writeUnsigned(out, zero, 3);
				writeUnsigned(out, one, 3);
			}
			case 28 -> {
				writeUnsigned(out, zero & 0xFFFFFF, 3);
				out.write((int) (((zero >>> 24) & 0x0F) << 4 | ((one >>> 24) & 0x0F)));
				writeUnsigned(out, one & 0xFFFFFF, 3);
			}
			default -> {
				writeUnsigned(out, zero, 4);
				writeUnsigned(out, one, 4);
			}
		}
	}

	private static void writeUnsigned(ByteArrayOutputStream out, long value, int length) {
		for (int shift = (length - 1) * 8; shift >= 0; shift -= 8) {
			out.write((int) (value >>> shift) & 0xFF);
		}
	}

	private Map<String, Object> metadata(int nodeCount, int bits) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("node_count", (long) nodeCount);
		metadata.put("record_size", bits);
		metadata.put("ip_version", 6);
		metadata.put("database_type", this.databaseType);
		metadata.put("languages", this.languages);
		metadata.put("binary_format_major_version", 2);
		metadata.put("binary_format_minor_version", 0);
		metadata.put("build_epoch", BigInteger.valueOf(this.buildTime.getEpochSecond()));
		metadata.put("description", new LinkedHashMap<>(this.description));
		return metadata;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private record EncodedRecord(byte[] bytes) {

	}

	/**
	 * A network as a 16-byte address and a prefix length in the IPv6 tree.
	 */
	private record Network(byte[] address, int prefixLength) {

		static Network parse(String text) {
			int slash = text.indexOf('/');
			String host = (slash < 0) ? text : text.substring(0, slash);
			if (!host.matches("[0-9A-Fa-f:.]+")) {
				throw new IllegalArgumentException("Not an IP address literal: '" + text + "'");
			}
			InetAddress address = literal(host, text);
			boolean ipv4 = address instanceof Inet4Address;
			if (ipv4 && host.contains(":")) {
				throw new IllegalArgumentException("Write IPv4-mapped network '" + text
						+ "' in dotted IPv4 form; ::ffff:0:0/96 always leads to the IPv4 networks");
			}
			int maxLength = ipv4 ? 32 : 128;
			int prefixLength = (slash < 0) ? maxLength : Integer.parseInt(text.substring(slash + 1));
			if (prefixLength < 1 || prefixLength > maxLength) {
				throw new IllegalArgumentException("Prefix length of '" + text + "' must be 1 to " + maxLength);
			}
			if (ipv4) {
				byte[] mapped = new byte[16];
				System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
				return new Network(mapped, 96 + prefixLength);
			}
			Network network = new Network(address.getAddress(), prefixLength);
			network.rejectAliased(text);
			return network;
		}

		private static InetAddress literal(String host, String text) {
			try {
				return InetAddress.getByName(host);
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("Not an IP address literal: '" + text + "'", ex);
			}
		}

		private void rejectAliased(String text) {
			if (within(IPV4_MAPPED, 96) || within(SIX_TO_FOUR, 16)) {
				throw new IllegalArgumentException("Network '" + text
						+ "' lies in an alias of the IPv4 networks (::ffff:0:0/96 or 2002::/16); add the IPv4 network");
			}
		}

		private boolean within(byte[] network, int length) {
			if (this.prefixLength < length) {
				return false;
			}
			for (int i = 0; i < length; i++) {
				int mask = 1 << (7 - i % 8);
				if ((this.address[i / 8] & mask) != (network[i / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}

package io.github.requesttracking.testsupport.geo;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes values in the MaxMind DB data section format. Each Java type is written as the
 * field type that the MaxMind Java reader decodes back to that same Java type.
 */
final class DataSectionEncoder {

	private static final int UTF8_STRING = 2;

	private static final int DOUBLE = 3;

	private static final int BYTES = 4;

	private static final int UINT16 = 5;

	private static final int UINT32 = 6;

	private static final int MAP = 7;

	private static final int UINT64 = 9;

	private static final int ARRAY = 11;

	private static final int BOOLEAN = 14;

	private static final int FLOAT = 15;

	private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	static byte[] encode(Object value) {
		DataSectionEncoder encoder = new DataSectionEncoder();
		encoder.write(value);
		return encoder.out.toByteArray();
	}

	private void write(Object value) {
		if (value instanceof String string) {
			byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
			control(UTF8_STRING, bytes.length);
			this.out.writeBytes(bytes);
		}
		else if (value instanceof Double number) {
			control(DOUBLE, 8);
			unsigned(Double.doubleToLongBits(number), 8);
		}
		else if (value instanceof Float number) {
			control(FLOAT, 4);
			unsigned(Float.floatToIntBits(number) & 0xFFFFFFFFL, 4);
		}
		else if (value instanceof Integer number) {
			writeUnsigned(UINT16, number, 0xFFFF, "Integer values are written as uint16; use a Long for uint32");
		}
		else if (value instanceof Long number) {
			writeUnsigned(UINT32, number, 0xFFFFFFFFL,
					"Long values are written as uint32; use a BigInteger for uint64");
		}
		else if (value instanceof BigInteger number) {
			writeUint64(number);
		}
		else if (value instanceof Boolean flag) {
			control(BOOLEAN, flag ? 1 : 0);
		}
		else if (value instanceof byte[] bytes) {
			control(BYTES, bytes.length);
			this.out.writeBytes(bytes);
		}
		else if (value instanceof Map<?, ?> map) {
			writeMap(map);
		}
		else if (value instanceof List<?> list) {
			control(ARRAY, list.size());
			list.forEach(this::write);
		}
		else {
			throw new IllegalArgumentException("Cannot encode " + value.getClass().getName()
					+ " in a MaxMind DB; use String, Double, Float, Integer (uint16), Long (uint32), "
					+ "BigInteger (uint64), Boolean, byte[], Map or List");
		}
	}

	private void writeMap(Map<?, ?> map) {
		control(MAP, map.size());
		map.forEach((key, entry) -> {
			if (!(key instanceof String)) {
				throw new IllegalArgumentException("MaxMind DB map keys must be strings, got " + key);
			}
			write(key);
			write(entry);
		});
	}

	private void writeUnsigned(int type, long number, long max, String hint) {
		if (number < 0 || number > max) {
			throw new IllegalArgumentException("Value " + number + " is out of range: " + hint);
		}
		int length = byteLength(number);
		control(type, length);
		unsigned(number, length);
	}

	private void writeUint64(BigInteger number) {
		if (number.signum() < 0 || number.compareTo(UINT64_LIMIT) >= 0) {
			throw new IllegalArgumentException("Value " + number + " does not fit in a uint64");
		}
		int length = (number.bitLength() + 7) / 8;
		control(UINT64, length);
		unsigned(number.longValue(), length);
	}

	/**
	 * Writes the control byte, the extended type byte when needed, and the size.
	 */
	private void control(int type, int size) {
		int sizeBits;
		byte[] sizeBytes;
		if (size < 29) {
			sizeBits = size;
			sizeBytes = new byte[0];
		}
		else if (size < 285) {
			sizeBits = 29;
			sizeBytes = new byte[] { (byte) (size - 29) };
		}
		else if (size < 65_821) {
			sizeBits = 30;
			int rest = size - 285;
			sizeBytes = new byte[] { (byte) (rest >>> 8), (byte) rest };
		}
		else {
			sizeBits = 31;
			int rest = size - 65_821;
			sizeBytes = new byte[] { (byte) (rest >>> 16), (byte) (rest >>> 8), (byte) rest };
		}
		if (type <= MAP) {
			this.out.write((type << 5) | sizeBits);
		}
		else {
			this.out.write(sizeBits);
			this.out.write(type - 7);
		}
		this.out.writeBytes(sizeBytes);
	}

	private void unsigned(long value, int length) {
		for (int shift = (length - 1) * 8; shift >= 0; shift -= 8) {
			this.out.write((int) (value >>> shift) & 0xFF);
		}
	}

	private static int byteLength(long value) {
		return (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
	}

}

package io.github.requesttracking.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Writes events as UTF-8 JSON into a byte buffer that it keeps from one use to the next,
 * so that a publisher encoding batch after batch on one thread allocates little more than
 * its messages. The JSON is the contract's: snake_case names, every field present,
 * {@code null} for a missing optional value.
 * <p>
 * Strings are escaped as JSON requires ({@code "}, {@code \} and the control characters
 * below U+0020) and written as UTF-8; an unpaired surrogate, which has no UTF-8 form,
 * becomes U+FFFD. Numbers that came from a nanosecond clock (at most six fraction digits
 * of a millisecond) are written without going through {@link Double#toString(double)};
 * every number reads back as the same {@code double}. Not thread-safe.
 */
public final class EventJsonWriter {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NULL = ascii("null");

	private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

	// The largest value written in the fixed-point form; larger ones use Double.toString.
	private static final double MAX_FIXED_POINT = 1e9;

	private static final int MILLIONTHS = 1_000_000;

	/**
	 * For each ASCII character, the escape JSON needs: 0 for none, 'u' for a
	 * {@code \}{@code u00XX} escape, else the character that follows the backslash.
	 */
	private static final byte[] ESCAPES = new byte[128];

	static {
		for (int c = 0; c < 0x20; c++) {
			ESCAPES[c] = 'u';
		}
		ESCAPES['"'] = '"';
		ESCAPES['\\'] = '\\';
		ESCAPES['\b'] = 'b';
		ESCAPES['\f'] = 'f';
		ESCAPES['\n'] = 'n';
		ESCAPES['\r'] = 'r';
		ESCAPES['\t'] = 't';
	}

	private byte[] buffer;

	private int length;

	private char[] chars = new char[256];

	/**
	 * Create a writer with a buffer of 8 KiB, which grows as needed.
	 */
	public EventJsonWriter() {
		this(8192);
	}

	/**
	 * Create a writer.
	 * @param initialCapacity the initial size of its buffer in bytes
	 */
	public EventJsonWriter(int initialCapacity) {
		this.buffer = new byte[Math.max(64, initialCapacity)];
	}

	/**
	 * Forget what was written, keeping the buffer.
	 * @return this writer
	 */
	public EventJsonWriter reset() {
		this.length = 0;
		return this;
	}

	/**
	 * Append one event as a JSON object.
	 * @param event the event
	 * @return this writer
	 * @throws IllegalArgumentException if its duration or sample rate is not a finite
	 * number, which JSON cannot represent; nothing is appended then
	 */
	public EventJsonWriter write(RequestEvent event) {
		checkFinite(event);
		writeEvent(event);
		return this;
	}

	/**
	 * Append events as one JSON array.
	 * @param events the events
	 * @return this writer
	 * @throws IllegalArgumentException if an event's duration or sample rate is not a
	 * finite number; nothing is appended then
	 */
	public EventJsonWriter writeArray(List<RequestEvent> events) {
		for (RequestEvent event : events) {
			checkFinite(event);
		}
		writeByte('[');
		for (int i = 0; i < events.size(); i++) {
			if (i > 0) {
				writeByte(',');
			}
			writeEvent(events.get(i));
		}
		writeByte(']');
		return this;
	}

	/**
	 * The number of bytes written since the last {@link #reset()}.
	 * @return the length
	 */
	public int length() {
		return this.length;
	}

	/**
	 * The buffer itself, valid from index 0 to {@link #length()} until the next write.
	 * @return the buffer
	 */
	public byte[] buffer() {
		return this.buffer;
	}

	/**
	 * A copy of what was written.
	 * @return the JSON bytes
	 */
	public byte[] toByteArray() {
		return Arrays.copyOf(this.buffer, this.length);
	}

	private static void checkFinite(RequestEvent event) {
		if (!Double.isFinite(event.durationMs()) || !Double.isFinite(event.sampleRate())) {
			throw new IllegalArgumentException("Event " + event.eventId() + " has a duration_ms of "
					+ event.durationMs() + " and a sample_rate of " + event.sampleRate()
					+ "; JSON has no form for a value that is not finite");
		}
	}

	private void writeEvent(RequestEvent event) {
		writeRaw(Fields.SCHEMA_VERSION);
		writeLong(event.schemaVersion());
		writeRaw(Fields.EVENT_ID);
		writeUuid(event.eventId());
		writeRaw(Fields.TIMESTAMP);
		writeTimestamp(event);
		writeRaw(Fields.SERVICE);
		writeString(event.service());
		writeRaw(Fields.METHOD);
		writeString(event.method());
		writeRaw(Fields.PATH);
		writeString(event.path());
		writeRaw(Fields.ROUTE);
		writeNullable(event.route());
		writeRaw(Fields.QUERY_PARAMS);
		writeQuery(event.queryParams());
		writeRaw(Fields.CLIENT_IP);
		writeNullable(event.clientIp());
		writeRaw(Fields.USER_AGENT);
		writeNullable(event.userAgent());
		writeRaw(Fields.REFERER);
		writeNullable(event.referer());
		writeRaw(Fields.ORIGIN);
		writeNullable(event.origin());
		writeRaw(Fields.USER_ID);
		writeNullable(event.userId());
		writeRaw(Fields.STATUS_CODE);
		writeLong(event.statusCode());
		writeRaw(Fields.DURATION_MS);
		writeDouble(event.durationMs());
		writeRaw(Fields.SAMPLE_RATE);
		writeDouble(event.sampleRate());
		writeByte('}');
	}

	private void writeQuery(Map<String, List<String>> parameters) {
		writeByte('{');
		boolean first = true;
		for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
			if (!first) {
				writeByte(',');
			}
			first = false;
			writeString(parameter.getKey());
			writeByte(':');
			writeByte('[');
			List<String> values = parameter.getValue();
			for (int i = 0; i < values.size(); i++) {
				if (i > 0) {
					writeByte(',');
				}
				writeString(values.get(i));
			}
			writeByte(']');
		}
		writeByte('}');
	}

	private void writeTimestamp(RequestEvent event) {
		ensure(Timestamps.LENGTH + 2);
		this.buffer[this.length] = '"';
		if (Timestamps.write(event.timestamp(), this.buffer, this.length + 1)) {
			this.buffer[this.length + Timestamps.LENGTH + 1] = '"';
			this.length += Timestamps.LENGTH + 2;
		}
		else {
			writeString(Timestamps.format(event.timestamp()));
		}
	}

	private void writeUuid(UUID uuid) {
		ensure(38);
		byte[] out = this.buffer;
		int position = this.length;
		out[position] = '"';
		hex(out, position + 1, uuid.getMostSignificantBits() >>> 32, 8);
		out[position + 9] = '-';
		hex(out, position + 10, uuid.getMostSignificantBits() >>> 16, 4);
		out[position + 14] = '-';
		hex(out, position + 15, uuid.getMostSignificantBits(), 4);
		out[position + 19] = '-';
		hex(out, position + 20, uuid.getLeastSignificantBits() >>> 48, 4);
		out[position + 24] = '-';
		hex(out, position + 25, uuid.getLeastSignificantBits(), 12);
		out[position + 37] = '"';
		this.length = position + 38;
	}

	private static void hex(byte[] out, int start, long value, int digits) {
		for (int i = start + digits - 1; i >= start; i--) {
			out[i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

	private void writeNullable(@Nullable String text) {
		if (text != null) {
			writeString(text);
		}
		else {
			writeRaw(NULL);
		}
	}

	private void writeString(String text) {
		int count = text.length();
		// Six bytes per character is the most any character takes (an escape such as
		// backslash, u, 0, 0, 1, f).
		ensure(6L * count + 2);
		char[] source = charsFor(count);
		text.getChars(0, count, source, 0);
		byte[] out = this.buffer;
		int position = this.length;
		out[position++] = '"';
		int i = 0;
		while (i < count) {
			char c = source[i];
			if (c < 0x80 && ESCAPES[c] == 0) {
				out[position++] = (byte) c;
				i++;
			}
			else if (c < 0x80) {
				position = escape(out, position, c);
				i++;
			}
			else if (c < 0x800) {
				out[position++] = (byte) (0xC0 | (c >> 6));
				out[position++] = (byte) (0x80 | (c & 0x3F));
				i++;
			}
			else if (!Character.isSurrogate(c)) {
				out[position++] = (byte) (0xE0 | (c >> 12));
				out[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				out[position++] = (byte) (0x80 | (c & 0x3F));
				i++;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(source[i + 1])) {
				int codePoint = Character.toCodePoint(c, source[i + 1]);
				out[position++] = (byte) (0xF0 | (codePoint >> 18));
				out[position++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
				out[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
				out[position++] = (byte) (0x80 | (codePoint & 0x3F));
				i += 2;
			}
			else {
				System.arraycopy(REPLACEMENT, 0, out, position, REPLACEMENT.length);
				position += REPLACEMENT.length;
				i++;
			}
		}
		out[position++] = '"';
		this.length = position;
	}

	private static int escape(byte[] out, int position, char c) {
		byte escape = ESCAPES[c];
		out[position++] = '\\';
		out[position++] = escape;
		if (escape == 'u') {
			out[position++] = '0';
			out[position++] = '0';
			out[position++] = HEX[c >> 4];
			out[position++] = HEX[c & 0xF];
		}
		return position;
	}

	private char[] charsFor(int count) {
		if (this.chars.length < count) {
			this.chars = new char[Math.max(count, this.chars.length * 2)];
		}
		return this.chars;
	}

	/**
	 * Write a finite number. A value with at most six fraction digits below
	 * {@value #MAX_FIXED_POINT} (every duration measured in whole nanoseconds and every
	 * usual sample rate) is written as those digits: the double nearest to that decimal
	 * is the value itself, so it reads back exactly. Anything else goes through
	 * {@link Double#toString(double)}, which also reads back exactly.
	 */
	private void writeDouble(double value) {
		if (value >= 0 && value < MAX_FIXED_POINT) {
			long millionths = Math.round(value * MILLIONTHS);
			if (millionths / (double) MILLIONTHS == value) {
				writeLong(millionths / MILLIONTHS);
				writeByte('.');
				writeFraction((int) (millionths % MILLIONTHS));
				return;
			}
		}
		writeRaw(ascii(Double.toString(value)));
	}

	private void writeFraction(int millionths) {
		if (millionths == 0) {
			writeByte('0');
			return;
		}
		int digits = 6;
		while (millionths % 10 == 0) {
			millionths /= 10;
			digits--;
		}
		writeDigits(millionths, digits);
	}

	private void writeLong(long value) {
		if (value < 0) {
			writeRaw(ascii(Long.toString(value)));
			return;
		}
		int digits = 1;
		for (long rest = value / 10; rest > 0; rest /= 10) {
			digits++;
		}
		writeDigits(value, digits);
	}

	/**
	 * Write the last {@code digits} decimal digits of a non-negative value, with leading
	 * zeros if it has fewer.
	 */
	private void writeDigits(long value, int digits) {
		ensure(digits);
		for (int i = this.length + digits - 1; i >= this.length; i--) {
			this.buffer[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		this.length += digits;
	}

	private void writeByte(char c) {
		ensure(1);
		this.buffer[this.length++] = (byte) c;
	}

	private void writeRaw(byte[] bytes) {
		ensure(bytes.length);
		System.arraycopy(bytes, 0, this.buffer, this.length, bytes.length);
		this.length += bytes.length;
	}

	private void ensure(long more) {
		long needed = this.length + more;
		if (needed > this.buffer.length) {
			if (needed > Integer.MAX_VALUE - 16) {
				throw new IllegalArgumentException("Encoded events would exceed the largest possible buffer");
			}
			long grown = Math.max(needed, Math.min(2L * this.buffer.length, Integer.MAX_VALUE - 16));
			this.buffer = Arrays.copyOf(this.buffer, (int) grown);
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Each field name with the punctuation before it, encoded once.
	 */
	private static final class Fields {

		static final byte[] SCHEMA_VERSION = ascii("{\"schema_version\":");

		static final byte[] EVENT_ID = ascii(",\"event_id\":");

		static final byte[] TIMESTAMP = ascii(",\"timestamp\":");

		static final byte[] SERVICE = ascii(",\"service\":");

		static final byte[] METHOD = ascii(",\"method\":");

		static final byte[] PATH = ascii(",\"path\":");

		static final byte[] ROUTE = ascii(",\"route\":");

		static final byte[] QUERY_PARAMS = ascii(",\"query_params\":");

		static final byte[] CLIENT_IP = ascii(",\"client_ip\":");

		static final byte[] USER_AGENT = ascii(",\"user_agent\":");

		static final byte[] REFERER = ascii(",\"referer\":");

		static final byte[] ORIGIN = ascii(",\"origin\":");

		static final byte[] USER_ID = ascii(",\"user_id\":");

		static final byte[] STATUS_CODE = ascii(",\"status_code\":");

		static final byte[] DURATION_MS = ascii(",\"duration_ms\":");

		static final byte[] SAMPLE_RATE = ascii(",\"sample_rate\":");

		private Fields() {
		}

	}

}

package io.github.requesttracking.event;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;

/**
 * The content encodings of a message body. A body is either the JSON as it is (no content
 * encoding, or {@code identity}) or that JSON compressed with gzip (content encoding
 * {@value #GZIP}). Publishers compress batches, whose JSON repeats the same field names
 * and values and shrinks about sevenfold, so that the broker moves and stores fewer
 * bytes.
 */
public final class BodyEncoding {

	/**
	 * The content encoding of a gzip-compressed body.
	 */
	public static final String GZIP = "gzip";

	private static final int CHUNK = 8192;

	private BodyEncoding() {
	}

	/**
	 * Compress a body with gzip at the fastest level, which keeps most of the gain at a
	 * fraction of the cost of the default level.
	 * @param body the JSON body
	 * @return the gzip bytes
	 */
	public static byte[] gzip(byte[] body) {
		try (GzipCompressor compressor = new GzipCompressor()) {
			return compressor.compress(body, 0, body.length);
		}
	}

	/**
	 * Return the JSON of a body given its content encoding.
	 * @param body the body as received
	 * @param contentEncoding its content encoding, or {@code null} when it has none
	 * @param maxBytes the most bytes the JSON may have once decompressed
	 * @return the JSON bytes: the body itself when it is not compressed
	 * @throws InvalidEventException when the encoding is unknown, the body is not valid
	 * gzip, or it expands beyond {@code maxBytes}
	 */
	public static byte[] decode(byte[] body, @Nullable String contentEncoding, int maxBytes) {
		if (contentEncoding == null || contentEncoding.isEmpty() || contentEncoding.equalsIgnoreCase("identity")) {
			return body;
		}
		if (!contentEncoding.toLowerCase(Locale.ROOT).equals(GZIP)) {
			throw new InvalidEventException("Message body has the unsupported content encoding '"
					+ abbreviate(contentEncoding) + "'; supported: gzip or none");
		}
		return gunzip(body, maxBytes);
	}

	private static byte[] gunzip(byte[] body, int maxBytes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(64, body.length * 8)));
		byte[] chunk = new byte[CHUNK];
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body), CHUNK)) {
			int read;
			while ((read = in.read(chunk)) != -1) {
				if (bytes.size() + read > maxBytes) {
					throw new InvalidEventException(
							"Message body expands to more than " + maxBytes + " bytes when decompressed");
				}
				bytes.write(chunk, 0, read);
			}
		}
		catch (IOException ex) {
			throw new InvalidEventException("Message body is not valid gzip: " + ex.getMessage(), ex);
		}
		return bytes.toByteArray();
	}

	private static String abbreviate(String text) {
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= 40) ? printable : printable.substring(0, 40) + "...";
	}

	/**
	 * A gzip compressor at the fastest level that keeps its deflater and output buffer
	 * from one body to the next, for a publisher that compresses batch after batch on one
	 * thread. It writes one gzip member (RFC 1952) with no name, time or extra fields.
	 * Not thread-safe; {@link #close()} frees the deflater's native memory.
	 */
	public static final class GzipCompressor implements AutoCloseable {

		// Magic, deflate, no flags, no modification time, no extra flags, unknown OS.
		private static final byte[] HEADER = { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff };

		private static final int TRAILER_LENGTH = 8;

		private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);

		private final CRC32 crc = new CRC32();

		private byte[] output = new byte[CHUNK];

		/**
		 * Compress part of a buffer.
		 * @param body the buffer
		 * @param offset where the bytes to compress start
		 * @param length how many bytes to compress
		 * @return the gzip bytes, a new array
		 */
		public byte[] compress(byte[] body, int offset, int length) {
			this.deflater.reset();
			this.deflater.setInput(body, offset, length);
			this.deflater.finish();
			this.crc.reset();
			this.crc.update(body, offset, length);
			System.arraycopy(HEADER, 0, this.output, 0, HEADER.length);
			int position = HEADER.length;
			while (!this.deflater.finished()) {
				if (position == this.output.length) {
					this.output = Arrays.copyOf(this.output, this.output.length * 2);
				}
				position += this.deflater.deflate(this.output, position, this.output.length - position);
			}
			if (position + TRAILER_LENGTH > this.output.length) {
				this.output = Arrays.copyOf(this.output, position + TRAILER_LENGTH);
			}
			littleEndian(this.output, position, (int) this.crc.getValue());
			littleEndian(this.output, position + 4, length);
			return Arrays.copyOf(this.output, position + TRAILER_LENGTH);
		}

		private static void littleEndian(byte[] out, int position, int value) {
			out[position] = (byte) value;
			out[position + 1] = (byte) (value >>> 8);
			out[position + 2] = (byte) (value >>> 16);
			out[position + 3] = (byte) (value >>> 24);
		}

		@Override
		public void close() {
			this.deflater.end();
		}

	}

}

package io.github.requesttracking.event;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

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
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, body.length / 4));
		try (GZIPOutputStream out = new FastGzipOutputStream(bytes)) {
			out.write(body);
		}
		catch (IOException ex) {
			// A ByteArrayOutputStream does not throw.
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
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

	private static final class FastGzipOutputStream extends GZIPOutputStream {

		FastGzipOutputStream(ByteArrayOutputStream out) throws IOException {
			super(out, CHUNK);
			this.def.setLevel(Deflater.BEST_SPEED);
		}

	}

}

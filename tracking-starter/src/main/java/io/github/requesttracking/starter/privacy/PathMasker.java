package io.github.requesttracking.starter.privacy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Removes {@code ;name=value} path parameters (such as {@code jsessionid}) and replaces
 * path segments that look like secrets (JSON Web Tokens, API keys, long random tokens,
 * card numbers) with {@value #MASK}.
 */
public class PathMasker {

	/**
	 * What a masked segment is replaced with.
	 */
	public static final String MASK = "REDACTED";

	private final boolean maskSecretSegments;

	private final SecretShapes shapes;

	/**
	 * Create a masker.
	 * @param maskSecretSegments whether secret-looking segments are masked
	 * @param randomTokenMinLength the length from which a segment of letters and digits
	 * counts as a random token
	 */
	public PathMasker(boolean maskSecretSegments, int randomTokenMinLength) {
		this.maskSecretSegments = maskSecretSegments;
		this.shapes = new SecretShapes(randomTokenMinLength);
	}

	/**
	 * Mask a raw (still percent-encoded) path.
	 * @param path the path, without query string
	 * @return the masked path; {@code /} when the path is empty
	 */
	public String mask(String path) {
		if (path.isEmpty()) {
			return "/";
		}
		if (!this.maskSecretSegments && path.indexOf(';') < 0) {
			return path;
		}
		StringBuilder masked = null;
		int start = 0;
		int length = path.length();
		while (start <= length) {
			int end = path.indexOf('/', start);
			if (end < 0) {
				end = length;
			}
			String segment = path.substring(start, end);
			String replacement = replacement(segment);
			if (replacement != null && masked == null) {
				masked = new StringBuilder(length).append(path, 0, start);
			}
			if (masked != null) {
				masked.append((replacement != null) ? replacement : segment);
				if (end < length) {
					masked.append('/');
				}
			}
			start = end + 1;
		}
		return (masked != null) ? masked.toString() : path;
	}

	private @Nullable String replacement(String segment) {
		int parameters = segment.indexOf(';');
		String bare = (parameters >= 0) ? segment.substring(0, parameters) : segment;
		if (this.maskSecretSegments && bare.length() >= 8 && this.shapes.looksSecret(decode(bare))) {
			return MASK;
		}
		return (parameters >= 0) ? bare : null;
	}

	private static String decode(String segment) {
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		try {
			return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A malformed escape is judged on its raw text instead.
			return segment;
		}
	}

}

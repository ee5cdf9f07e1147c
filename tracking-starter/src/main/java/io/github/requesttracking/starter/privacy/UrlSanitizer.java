package io.github.requesttracking.starter.privacy;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Reduces {@code Referer} and {@code Origin} values to what may be recorded: never a
 * query string, a fragment or user info, and a path only in {@link RefererMode#PATH}
 * mode, with secret-looking segments masked. Values that are not absolute URLs are
 * dropped.
 */
public class UrlSanitizer {

	private final RefererMode refererMode;

	private final PathMasker pathMasker;

	/**
	 * Create a sanitizer.
	 * @param refererMode how much of a referer is kept
	 * @param pathMasker the masker applied to a referer's path
	 */
	public UrlSanitizer(RefererMode refererMode, PathMasker pathMasker) {
		this.refererMode = refererMode;
		this.pathMasker = pathMasker;
	}

	/**
	 * Sanitize a {@code Referer} header.
	 * @param referer the header value
	 * @return the value to record, or {@code null}
	 */
	public @Nullable String referer(@Nullable String referer) {
		if (this.refererMode == RefererMode.NONE) {
			return null;
		}
		return sanitize(referer, this.refererMode == RefererMode.PATH);
	}

	/**
	 * Sanitize an {@code Origin} header; the literal {@code null} origin is kept.
	 * @param origin the header value
	 * @return the value to record, or {@code null}
	 */
	public @Nullable String origin(@Nullable String origin) {
		if (origin != null && origin.trim().equals("null")) {
			return "null";
		}
		return sanitize(origin, false);
	}

	private @Nullable String sanitize(@Nullable String url, boolean keepPath) {
		if (url == null) {
			return null;
		}
		String text = url.trim();
		int schemeEnd = text.indexOf("://");
		if (schemeEnd <= 0 || !isScheme(text, schemeEnd)) {
			return null;
		}
		int authorityStart = schemeEnd + 3;
		int authorityEnd = indexOfAny(text, authorityStart, "/?#");
		String authority = text.substring(authorityStart, authorityEnd);
		int userInfo = authority.lastIndexOf('@');
		if (userInfo >= 0) {
			authority = authority.substring(userInfo + 1);
		}
		if (authority.isEmpty()) {
			return null;
		}
		StringBuilder result = new StringBuilder(text.length()).append(text, 0, schemeEnd)
			.append("://")
			.append(authority.toLowerCase(Locale.ROOT));
		if (keepPath && authorityEnd < text.length() && text.charAt(authorityEnd) == '/') {
			String path = text.substring(authorityEnd, indexOfAny(text, authorityEnd, "?#"));
			result.append(this.pathMasker.mask(path));
		}
		return result.toString();
	}

	private static boolean isScheme(String text, int end) {
		if (!Character.isLetter(text.charAt(0))) {
			return false;
		}
		for (int i = 1; i < end; i++) {
			char c = text.charAt(i);
			if (!Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.') {
				return false;
			}
		}
		return true;
	}

	private static int indexOfAny(String text, int from, String characters) {
		for (int i = from; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return text.length();
	}

}

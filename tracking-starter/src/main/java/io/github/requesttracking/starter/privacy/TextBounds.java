package io.github.requesttracking.starter.privacy;

import org.jspecify.annotations.Nullable;

/**
 * Makes header and URL text safe to carry in an event: control characters and unpaired
 * surrogates are replaced, and the length is capped without splitting a character.
 */
public final class TextBounds {

	private static final char REPLACEMENT = '\uFFFD';

	private TextBounds() {
	}

	/**
	 * Clean and bound a text.
	 * @param text the text, possibly {@code null}
	 * @param maxLength the most UTF-16 characters kept
	 * @return the cleaned text, the same instance when nothing had to change, or
	 * {@code null} when the text was {@code null}
	 */
	public static @Nullable String clean(@Nullable String text, int maxLength) {
		if (text == null) {
			return null;
		}
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (isControl(c) || Character.isSurrogate(c) || i >= maxLength) {
				return rebuild(text, maxLength);
			}
		}
		return text;
	}

	private static String rebuild(String text, int maxLength) {
		StringBuilder cleaned = new StringBuilder(Math.min(text.length(), maxLength));
		for (int i = 0; i < text.length() && cleaned.length() < maxLength; i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				if (cleaned.length() + 2 > maxLength) {
					break;
				}
				cleaned.append(c).append(text.charAt(++i));
			}
			else if (isControl(c) || Character.isSurrogate(c)) {
				cleaned.append(REPLACEMENT);
			}
			else {
				cleaned.append(c);
			}
		}
		return cleaned.toString();
	}

	private static boolean isControl(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f);
	}

}

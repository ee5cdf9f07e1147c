package io.github.requesttracking.starter.privacy;

import java.util.regex.Pattern;

/**
 * Recognises values that look like credentials whatever their name: JSON Web Tokens,
 * {@code Bearer} or {@code Basic} values, well-known API key prefixes, card-like digit
 * runs and long random tokens.
 */
final class SecretShapes {

	// Limitation: recognition is heuristic. A 13 to 19 digit number that passes the Luhn
	// check is redacted even when it is an ordinary number (about one in ten such
	// numbers), while a secret shorter than 8 characters, one shaped like a UUID, or one
	// without a run of 16 letters and digits is kept unless its parameter name is
	// sensitive.

	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}");

	private static final Pattern AUTHORIZATION_SCHEME = Pattern.compile("(?i)^\\s*(bearer|basic|digest)\\s+\\S");

	private static final Pattern KEY_PREFIX = Pattern
		.compile("(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
				+ "|[sr]k_(?:live|test)_[A-Za-z0-9]{10,}|xox[abposr]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}"
				+ "|AIza[0-9A-Za-z_-]{30,}|glpat-[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{30,}|-----BEGIN[A-Z ]*PRIVATE KEY)");

	private static final Pattern CARD_LIKE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

	private static final int RANDOM_RUN_LENGTH = 16;

	private static final String SEPARATORS = "-_.~+/=";

	private final int randomTokenMinLength;

	/**
	 * Create a recogniser.
	 * @param randomTokenMinLength the length from which a run of letters and digits with
	 * no other structure counts as a random token
	 */
	SecretShapes(int randomTokenMinLength) {
		this.randomTokenMinLength = randomTokenMinLength;
	}

	/**
	 * Tell whether a value looks like a credential.
	 * @param value the decoded value
	 * @return {@code true} when it should not leave the filter
	 */
	boolean looksSecret(String value) {
		if (value.length() < 8) {
			return false;
		}
		return JWT.matcher(value).find() || AUTHORIZATION_SCHEME.matcher(value).find()
				|| KEY_PREFIX.matcher(value).find() || isRandomToken(value) || hasCardNumber(value);
	}

	/**
	 * Tell whether a value is one long token of letters and digits, such as a reset token
	 * or an API key: long enough overall, made only of token characters, with one
	 * unbroken run of at least {@value #RANDOM_RUN_LENGTH} characters mixing letters and
	 * digits. Slugs made of words and numbers, and UUIDs, are identifiers and are not
	 * matched.
	 */
	boolean isRandomToken(String value) {
		if (value.length() < this.randomTokenMinLength) {
			return false;
		}
		int run = 0;
		boolean letter = false;
		boolean digit = false;
		boolean found = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean isDigit = c >= '0' && c <= '9';
			boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			if (isDigit || isLetter) {
				run++;
				digit |= isDigit;
				letter |= isLetter;
				found |= run >= RANDOM_RUN_LENGTH && letter && digit;
			}
			else if (SEPARATORS.indexOf(c) >= 0) {
				run = 0;
				letter = false;
				digit = false;
			}
			else {
				return false;
			}
		}
		return found;
	}

	private static boolean hasCardNumber(String value) {
		var matcher = CARD_LIKE.matcher(value);
		while (matcher.find()) {
			if (passesLuhn(matcher.group())) {
				return true;
			}
		}
		return false;
	}

	private static boolean passesLuhn(String digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			char c = digits.charAt(i);
			if (c < '0' || c > '9') {
				continue;
			}
			int digit = c - '0';
			if (doubled) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

}

package io.github.requesttracking.starter.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Turns a raw query string into the parameters an event may carry. A value is replaced
 * with {@value #REDACTED} when its name is on the sensitive list, when its name contains
 * a sensitive fragment, or when the value itself looks like a credential. The query
 * string is parsed here, never through the servlet request, so that no form body is read.
 */
public class QueryScrubber {

	/**
	 * What a sensitive value is replaced with.
	 */
	public static final String REDACTED = "REDACTED";

	/**
	 * Parameter names whose values are always redacted (compared ignoring case).
	 */
	public static final List<String> DEFAULT_SENSITIVE_NAMES = List.of("password", "passwd", "pwd", "pass",
			"passphrase", "secret", "client_secret", "api_key", "apikey", "api-key", "key", "token", "access_token",
			"refresh_token", "id_token", "auth", "authorization", "code", "state", "nonce", "otp", "pin", "credentials",
			"session", "sessionid", "session_id", "jsessionid", "phpsessid", "sid", "csrf", "_csrf", "csrftoken",
			"csrf_token", "xsrf-token", "_xsrf", "signature", "sig", "x-amz-signature", "x-amz-credential",
			"x-amz-security-token", "awsaccesskeyid", "x-goog-signature", "x-goog-credential", "private_key",
			"privatekey", "mysql_pwd", "stripetoken", "github_token", "bearer", "jwt", "assertion", "samlrequest",
			"samlresponse", "relaystate", "email", "mail", "phone", "mobile", "ssn", "iban", "card", "cardnumber",
			"card_number", "cc", "cvv", "cvc");

	/**
	 * Fragments that make a parameter name sensitive wherever they appear in it.
	 */
	public static final List<String> DEFAULT_SENSITIVE_NAME_FRAGMENTS = List.of("pass", "secret", "token", "auth",
			"key", "sign", "session", "credential");

	private final QueryMode mode;

	private final Set<String> sensitiveNames;

	private final List<String> sensitiveFragments;

	private final Set<String> allowedNames;

	private final boolean redactValueShapes;

	private final SecretShapes shapes;

	private final Limits limits;

	/**
	 * Create a scrubber.
	 * @param mode which parameters are recorded
	 * @param sensitiveNames names whose values are redacted
	 * @param sensitiveFragments name fragments that make a name sensitive
	 * @param allowedNames the names kept in {@link QueryMode#ALLOWLIST} mode
	 * @param redactValueShapes whether values that look like credentials are redacted
	 * whatever their name
	 * @param limits bounds on what is kept
	 */
	public QueryScrubber(QueryMode mode, Collection<String> sensitiveNames, Collection<String> sensitiveFragments,
			Collection<String> allowedNames, boolean redactValueShapes, Limits limits) {
		this.mode = mode;
		this.sensitiveNames = lowerCase(sensitiveNames);
		this.sensitiveFragments = List.copyOf(lowerCase(sensitiveFragments));
		this.allowedNames = lowerCase(allowedNames);
		this.redactValueShapes = redactValueShapes;
		this.shapes = new SecretShapes(limits.randomTokenMinLength());
		this.limits = limits;
	}

	/**
	 * Parse and scrub a raw query string.
	 * @param query the raw, percent-encoded query string without {@code ?}
	 * @return the parameters to record, in order of first appearance
	 */
	public Map<String, List<String>> scrub(@Nullable String query) {
		if (query == null || query.isEmpty() || this.mode == QueryMode.DROP) {
			return Map.of();
		}
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		int start = 0;
		while (start <= query.length()) {
			int end = query.indexOf('&', start);
			if (end < 0) {
				end = query.length();
			}
			if (end > start) {
				add(parameters, query, start, end);
			}
			start = end + 1;
		}
		return parameters;
	}

	private void add(Map<String, List<String>> parameters, String query, int start, int end) {
		int equals = query.indexOf('=', start);
		int nameEnd = (equals >= 0 && equals < end) ? equals : end;
		String name = TextBounds.clean(decode(query, start, nameEnd), this.limits.nameLength());
		if (name == null || name.isEmpty()) {
			return;
		}
		String key = name.toLowerCase(Locale.ROOT);
		if (this.mode == QueryMode.ALLOWLIST && !this.allowedNames.contains(key)) {
			return;
		}
		List<String> values = parameters.get(name);
		if (values == null) {
			if (parameters.size() >= this.limits.parameters()) {
				return;
			}
			values = new ArrayList<>(1);
			parameters.put(name, values);
		}
		if (values.size() >= this.limits.valuesPerParameter()) {
			return;
		}
		String value = (nameEnd < end) ? decode(query, nameEnd + 1, end) : "";
		values.add(isSensitive(key, value) ? REDACTED : TextBounds.clean(value, this.limits.valueLength()));
	}

	private boolean isSensitive(String name, String value) {
		if (this.sensitiveNames.contains(name)) {
			return true;
		}
		for (String fragment : this.sensitiveFragments) {
			if (name.contains(fragment)) {
				return true;
			}
		}
		return this.redactValueShapes && this.shapes.looksSecret(value);
	}

	/**
	 * Percent-decode part of a query as UTF-8; {@code +} is a space, malformed escapes
	 * are kept as text and invalid UTF-8 becomes U+FFFD.
	 */
	private String decode(String query, int start, int end) {
		int limit = Math.min(end, start + this.limits.decodedInputLength());
		boolean plain = true;
		for (int i = start; i < limit && plain; i++) {
			char c = query.charAt(i);
			plain = c != '%' && c != '+' && c < 0x80;
		}
		if (plain) {
			return query.substring(start, limit);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(limit - start);
		for (int i = start; i < limit; i++) {
			char c = query.charAt(i);
			if (c == '+') {
				bytes.write(' ');
			}
			else if (c == '%' && i + 2 < limit && hex(query.charAt(i + 1)) >= 0 && hex(query.charAt(i + 2)) >= 0) {
				bytes.write((hex(query.charAt(i + 1)) << 4) | hex(query.charAt(i + 2)));
				i += 2;
			}
			else if (c <= 0xff) {
				// Containers hand over raw request-line bytes as ISO-8859-1 characters.
				bytes.write(c);
			}
			else {
				int codePoint = query.codePointAt(i);
				byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
				i += Character.charCount(codePoint) - 1;
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static int hex(char c) {
		return Character.digit(c, 16);
	}

	private static Set<String> lowerCase(Collection<String> names) {
		Set<String> lowerCased = new TreeSet<>();
		for (String name : names) {
			lowerCased.add(name.trim().toLowerCase(Locale.ROOT));
		}
		return lowerCased;
	}

	/**
	 * Bounds on the recorded query parameters.
	 *
	 * @param parameters the most distinct parameter names kept
	 * @param valuesPerParameter the most values kept per name
	 * @param nameLength the most characters kept of a name
	 * @param valueLength the most characters kept of a value
	 * @param decodedInputLength the most raw characters of one name or value examined
	 * @param randomTokenMinLength the length from which a value of letters and digits
	 * counts as a random token
	 */
	public record Limits(int parameters, int valuesPerParameter, int nameLength, int valueLength,
			int decodedInputLength, int randomTokenMinLength) {

	}

}

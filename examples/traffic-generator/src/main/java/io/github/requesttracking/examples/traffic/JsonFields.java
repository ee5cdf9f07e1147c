package io.github.requesttracking.examples.traffic;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a top-level string field from the small JSON answers of the examples, such as the
 * login token or a note's id, without a JSON library.
 */
final class JsonFields {

	private JsonFields() {
	}

	static Optional<String> string(String json, String field) {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"\\\\]*)\"").matcher(json);
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char character : text.toCharArray()) {
			switch (character) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				default -> {
					if (character < 0x20) {
						quoted.append(String.format("\\u%04x", (int) character));
					}
					else {
						quoted.append(character);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}

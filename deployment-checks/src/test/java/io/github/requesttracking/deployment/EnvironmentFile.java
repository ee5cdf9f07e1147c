package io.github.requesttracking.deployment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dotenv file as Docker Compose reads it: {@code NAME=value} lines, comments and blank
 * lines. Each variable keeps the comment lines written directly above it.
 */
final class EnvironmentFile {

	private final Map<String, String> values;

	private final Map<String, List<String>> comments;

	private EnvironmentFile(Map<String, String> values, Map<String, List<String>> comments) {
		this.values = Collections.unmodifiableMap(values);
		this.comments = Collections.unmodifiableMap(comments);
	}

	static EnvironmentFile parse(String text) {
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, List<String>> comments = new LinkedHashMap<>();
		List<String> pendingComments = new ArrayList<>();
		for (String line : text.split("\n", -1)) {
			String trimmed = line.strip();
			if (trimmed.isEmpty()) {
				pendingComments.clear();
			}
			else if (trimmed.startsWith("#")) {
				pendingComments.add(trimmed);
			}
			else {
				int equals = trimmed.indexOf('=');
				if (equals <= 0) {
					throw new IllegalArgumentException("Not a NAME=value line: '" + line + "'");
				}
				String name = trimmed.substring(0, equals).strip();
				values.put(name, unquote(trimmed.substring(equals + 1).strip()));
				comments.put(name, List.copyOf(pendingComments));
				pendingComments.clear();
			}
		}
		return new EnvironmentFile(values, comments);
	}

	private static String unquote(String value) {
		boolean quoted = value.length() >= 2
				&& (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"));
		return quoted ? value.substring(1, value.length() - 1) : value;
	}

	Map<String, String> values() {
		return this.values;
	}

	List<String> commentsAbove(String name) {
		return this.comments.getOrDefault(name, List.of());
	}

}

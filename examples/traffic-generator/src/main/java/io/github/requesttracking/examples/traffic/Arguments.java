package io.github.requesttracking.examples.traffic;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments of the form {@code --name=value}, {@code --name value} or
 * {@code --flag}, read by name; {@link #requireAllUsed()} rejects the ones nobody read.
 */
final class Arguments {

	private final Map<String, String> values;

	private final Set<String> used = new HashSet<>();

	private Arguments(Map<String, String> values) {
		this.values = values;
	}

	static Arguments of(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int index = 0; index < args.length; index++) {
			String argument = args[index];
			if (!argument.startsWith("--") || argument.length() == 2) {
				throw new IllegalArgumentException("Unexpected argument '" + argument + "'");
			}
			String body = argument.substring(2);
			int equals = body.indexOf('=');
			if (equals >= 0) {
				values.put(body.substring(0, equals), body.substring(equals + 1));
			}
			else if (index + 1 < args.length && !args[index + 1].startsWith("--")) {
				values.put(body, args[++index]);
			}
			else {
				values.put(body, "");
			}
		}
		return new Arguments(values);
	}

	String text(String name, String fallback) {
		this.used.add(name);
		return this.values.getOrDefault(name, fallback);
	}

	boolean flag(String name) {
		this.used.add(name);
		return this.values.containsKey(name);
	}

	int integer(String name, int fallback) {
		return (int) longInteger(name, fallback);
	}

	long longInteger(String name, long fallback) {
		String value = text(name, String.valueOf(fallback));
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'");
		}
	}

	double decimal(String name, double fallback) {
		String value = text(name, String.valueOf(fallback));
		try {
			return Double.parseDouble(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'");
		}
	}

	URI uri(String name, String fallback) {
		String value = text(name, fallback);
		try {
			URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("--" + name + " must be a URL, not '" + value + "'");
		}
	}

	void requireAllUsed() {
		Set<String> unknown = new HashSet<>(this.values.keySet());
		unknown.removeAll(this.used);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException(
					"Unknown option(s): --" + String.join(", --", unknown.stream().sorted().toList()));
		}
	}

}

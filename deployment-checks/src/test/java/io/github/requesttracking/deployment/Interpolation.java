package io.github.requesttracking.deployment;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variable substitution of Docker Compose: {@code $$} for a dollar sign,
 * {@code ${NAME}}, {@code $NAME}, defaults ({@code ${NAME:-default}},
 * {@code ${NAME-default}}) and required values ({@code ${NAME:?message}},
 * {@code ${NAME?message}}). Nested expressions are not supported, and the compose file
 * does not use them.
 */
final class Interpolation {

	private static final Pattern EXPRESSION = Pattern
		.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

	private final Map<String, String> variables;

	Interpolation(Map<String, String> variables) {
		this.variables = Map.copyOf(variables);
	}

	/**
	 * Return the names of the variables that a text refers to.
	 * @param text the text, for example the whole compose file
	 * @return the names, in order of first use
	 */
	static Set<String> references(String text) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = EXPRESSION.matcher(text);
		while (matcher.find()) {
			String name = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(4);
			if (name != null) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * Return every expression of a text, such as {@code ${POSTGRES_PASSWORD:?message}}.
	 * @param text the text
	 * @return the expressions with their variable name and operator
	 */
	static List<Expression> expressions(String text) {
		Matcher matcher = EXPRESSION.matcher(text);
		return matcher.results()
			.filter((result) -> result.group(1) != null)
			.map((result) -> new Expression(result.group(1), (result.group(2) != null) ? result.group(2) : "",
					(result.group(3) != null) ? result.group(3) : ""))
			.toList();
	}

	/**
	 * Substitute the variables of every string in a parsed YAML tree.
	 * @param node a map, list or scalar
	 * @return a copy with every string interpolated
	 */
	Object apply(Object node) {
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, value) -> copy.put(String.valueOf(key), apply(value)));
			return copy;
		}
		if (node instanceof List<?> list) {
			return list.stream().map(this::apply).toList();
		}
		if (node instanceof String text) {
			return interpolate(text);
		}
		return node;
	}

	String interpolate(String text) {
		Matcher matcher = EXPRESSION.matcher(text);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(result, Matcher.quoteReplacement(resolve(matcher)));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private String resolve(Matcher matcher) {
		if (matcher.group().equals("$$")) {
			return "$";
		}
		String name = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(4);
		String operator = (matcher.group(2) != null) ? matcher.group(2) : "";
		String argument = (matcher.group(3) != null) ? matcher.group(3) : "";
		String value = this.variables.get(name);
		boolean missing = (value == null) || (operator.startsWith(":") && value.isEmpty());
		return switch (operator) {
			case ":-", "-" -> missing ? argument : value;
			case ":?", "?" -> {
				if (missing) {
					throw new IllegalArgumentException("Required variable '" + name + "' is missing: " + argument);
				}
				yield value;
			}
			default -> (value != null) ? value : "";
		};
	}

	/**
	 * One {@code ${...}} expression.
	 *
	 * @param name the variable
	 * @param operator {@code :-}, {@code -}, {@code :?}, {@code ?} or empty
	 * @param argument the default value or the error message
	 */
	record Expression(String name, String operator, String argument) {

		boolean required() {
			return this.operator.endsWith("?");
		}

	}

}

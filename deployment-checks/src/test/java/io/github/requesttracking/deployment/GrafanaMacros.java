package io.github.requesttracking.deployment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana does to the SQL of a PostgreSQL panel before the database sees it, for one
 * time range: first the dashboard variables and {@code $__interval} are replaced (each by
 * the text Grafana would insert), then the data source's macros {@code $__timeFilter},
 * {@code $__timeFrom}, {@code $__timeTo}, {@code $__time}, {@code $__timeGroup} and
 * {@code $__timeGroupAlias}, expanded as Grafana's PostgreSQL data source expands them. A
 * variable or macro it does not know is an error, as it would be in Grafana.
 */
final class GrafanaMacros {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

	private static final Pattern MACRO = Pattern.compile("\\$(\\w+)\\(([^)]*)\\)");

	private static final Pattern INTERVAL = Pattern.compile("'?(\\d+)(ms|s|m|h|d|w)'?");

	private final Instant from;

	private final Instant to;

	private final Duration interval;

	private final Map<String, String> variables;

	/**
	 * Create the expansion for one query run.
	 * @param from the start of the time picker's range
	 * @param to the end of the time picker's range
	 * @param interval the value of {@code $__interval}
	 * @param variables the text each dashboard variable is replaced with, by name
	 */
	GrafanaMacros(Instant from, Instant to, Duration interval, Map<String, String> variables) {
		this.from = from;
		this.to = to;
		this.interval = interval;
		this.variables = Map.copyOf(variables);
	}

	/**
	 * Return a value as the SQL data sources insert a variable that offers "All": a
	 * string literal with its quotes doubled.
	 * @param value the selected value
	 * @return the literal
	 */
	static String quoteLiteral(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	String expand(String sql) {
		return expandMacros(replaceVariables(sql));
	}

	private String replaceVariables(String sql) {
		Matcher matcher = VARIABLE.matcher(sql);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String name = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
			boolean macroCall = matcher.end() < sql.length() && sql.charAt(matcher.end()) == '(';
			String replacement = macroCall ? matcher.group() : variable(name);
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private String variable(String name) {
		return switch (name) {
			case "__interval" -> grafanaInterval(this.interval);
			case "__interval_ms" -> String.valueOf(this.interval.toMillis());
			default -> {
				String value = this.variables.get(name);
				if (value == null) {
					throw new IllegalArgumentException(
							"Unknown variable '$" + name + "': the dashboard defines " + this.variables.keySet());
				}
				yield value;
			}
		};
	}

	private String expandMacros(String sql) {
		Matcher matcher = MACRO.matcher(sql);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			List<String> arguments = Arrays.stream(matcher.group(2).split(",", -1)).map(String::strip).toList();
			matcher.appendReplacement(result, Matcher.quoteReplacement(macro(matcher.group(1), arguments)));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private String macro(String name, List<String> arguments) {
		return switch (name) {
			case "__time" -> column(name, arguments) + " AS \"time\"";
			case "__timeFilter" ->
				column(name, arguments) + " BETWEEN " + timestamp(this.from) + " AND " + timestamp(this.to);
			case "__timeFrom" -> timestamp(this.from);
			case "__timeTo" -> timestamp(this.to);
			case "__timeGroup" -> timeGroup(arguments);
			case "__timeGroupAlias" -> timeGroup(arguments) + " AS \"time\"";
			default -> throw new IllegalArgumentException("Unknown macro '$" + name + "(...)'");
		};
	}

	private static String column(String macro, List<String> arguments) {
		if (arguments.isEmpty() || arguments.get(0).isEmpty()) {
			throw new IllegalArgumentException("Macro '$" + macro + "' needs a time column");
		}
		return arguments.get(0);
	}

	private static String timeGroup(List<String> arguments) {
		if (arguments.size() < 2) {
			throw new IllegalArgumentException("Macro '$__timeGroup' needs a time column and an interval");
		}
		String seconds = BigDecimal.valueOf(parseInterval(arguments.get(1)).toMillis(), 3)
			.stripTrailingZeros()
			.toPlainString();
		return "floor(extract(epoch from " + arguments.get(0) + ")/" + seconds + ")*" + seconds;
	}

	private static Duration parseInterval(String text) {
		Matcher matcher = INTERVAL.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not an interval: '" + text + "'");
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			case "d" -> Duration.ofDays(amount);
			default -> Duration.ofDays(7 * amount);
		};
	}

	private static String grafanaInterval(Duration interval) {
		long seconds = interval.toSeconds();
		if (seconds % 86400 == 0) {
			return (seconds / 86400) + "d";
		}
		if (seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		return (seconds % 60 == 0) ? (seconds / 60) + "m" : seconds + "s";
	}

	private static String timestamp(Instant instant) {
		return "'" + DateTimeFormatter.ISO_INSTANT.format(instant) + "'";
	}

}

package io.github.requesttracking.consumer.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The width of the time buckets of a traffic answer.
 */
enum Granularity {

	/**
	 * One bucket per UTC minute.
	 */
	MINUTE,

	/**
	 * One bucket per UTC hour.
	 */
	HOUR,

	/**
	 * One bucket per UTC day.
	 */
	DAY;

	String sqlName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Granularity parse(String value) {
		for (Granularity granularity : values()) {
			if (granularity.sqlName().equalsIgnoreCase(value.trim())) {
				return granularity;
			}
		}
		throw new InvalidAnalyticsQueryException("Unknown granularity '" + value + "': use one of "
				+ Arrays.stream(values()).map(Granularity::sqlName).collect(Collectors.joining(", ")));
	}

}

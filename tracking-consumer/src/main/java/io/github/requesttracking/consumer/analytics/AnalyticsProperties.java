package io.github.requesttracking.consumer.analytics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rollups and of the analytics API.
 *
 * @param rollup how the rollups are refreshed and how long they are kept
 * @param query limits on what one API call may ask for
 */
@ConfigurationProperties("tracking.consumer.analytics")
public record AnalyticsProperties(@DefaultValue Rollup rollup, @DefaultValue Query query) {

	/**
	 * Rollup refresh and retention.
	 *
	 * @param enabled whether this instance refreshes the rollups at all
	 * @param interval the pause between the end of one refresh and the start of the next
	 * @param initialDelay the pause between start-up and the first refresh
	 * @param lookback how far back each refresh recomputes the rollups from raw events
	 * (whole UTC hours); an event that arrives later than this after it occurred is not
	 * counted; must be shorter than the raw retention period
	 * @param retention how long rollup rows are kept; they hold no personal data, so this
	 * may be much longer than the retention of raw events
	 */
	public record Rollup(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration interval,
			@DefaultValue("20s") Duration initialDelay, @DefaultValue("2h") Duration lookback,
			@DefaultValue("400d") Duration retention) {

		/**
		 * Validate the settings.
		 * @throws IllegalArgumentException naming a setting that is not positive
		 */
		public Rollup {
			requirePositive("tracking.consumer.analytics.rollup.interval", interval);
			requirePositive("tracking.consumer.analytics.rollup.lookback", lookback);
			requirePositive("tracking.consumer.analytics.rollup.retention", retention);
		}

	}

	/**
	 * Limits of one analytics API call.
	 *
	 * @param defaultRange the range answered when a call gives no {@code from}
	 * @param maxRange the longest range one call may ask for
	 * @param maxMinuteRange the longest range one call may ask for at minute granularity
	 * @param maxLimit the most rows a ranking ({@code limit}) may ask for
	 */
	public record Query(@DefaultValue("24h") Duration defaultRange, @DefaultValue("400d") Duration maxRange,
			@DefaultValue("2d") Duration maxMinuteRange, @DefaultValue("100") int maxLimit) {

		/**
		 * Validate the settings.
		 * @throws IllegalArgumentException naming a setting that is not positive
		 */
		public Query {
			requirePositive("tracking.consumer.analytics.query.default-range", defaultRange);
			requirePositive("tracking.consumer.analytics.query.max-range", maxRange);
			requirePositive("tracking.consumer.analytics.query.max-minute-range", maxMinuteRange);
			if (maxLimit < 1) {
				throw new IllegalArgumentException(
						"tracking.consumer.analytics.query.max-limit must be at least 1, but was " + maxLimit);
			}
		}

	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, but was " + value);
		}
	}

}

package io.github.requesttracking.consumer.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of partition maintenance: how long raw events are kept and how far ahead daily
 * partitions are created.
 *
 * @param enabled whether this instance runs partition maintenance at all
 * @param period how long raw events are kept, in whole days; a daily partition is dropped
 * once every row it can hold is older than this; partitions are also created for this
 * window in the past so that late events are accepted
 * @param ahead how many days of partitions exist ahead of today, in whole days
 * @param interval the pause between the end of one maintenance run and the start of the
 * next
 * @param initialDelay the pause between start-up and the first run
 * @param lockTimeout how long one DDL statement waits for a table lock before the run
 * gives up on that partition (it is retried on the next run)
 */
@ConfigurationProperties("tracking.consumer.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("90d") Duration period,
		@DefaultValue("7d") Duration ahead, @DefaultValue("1h") Duration interval,
		@DefaultValue("0s") Duration initialDelay, @DefaultValue("3s") Duration lockTimeout) {

	/**
	 * Validate the settings.
	 * @throws IllegalArgumentException naming a setting that is not a positive number of
	 * whole days
	 */
	public RetentionProperties {
		requireWholeDays("tracking.consumer.retention.period", period);
		requireWholeDays("tracking.consumer.retention.ahead", ahead);
	}

	private static void requireWholeDays(String name, Duration value) {
		if (value.isNegative() || value.isZero() || !value.equals(Duration.ofDays(value.toDays()))) {
			throw new IllegalArgumentException(
					name + " must be a positive number of whole days, such as '90d', but was " + value);
		}
	}

}

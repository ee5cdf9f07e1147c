package io.github.requesttracking.consumer.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the publisher counters.
 *
 * @param flushInterval how often the latest publisher counters seen in message headers
 * are written to the database; after a crash, what the consumer saw in the last interval
 * is written once the same publisher's next message arrives
 */
@ConfigurationProperties("tracking.consumer.pipeline")
public record PipelineProperties(@DefaultValue("10s") Duration flushInterval) {

	/**
	 * Validate the settings.
	 * @throws IllegalArgumentException when the interval is not positive
	 */
	public PipelineProperties {
		if (flushInterval.isNegative() || flushInterval.isZero()) {
			throw new IllegalArgumentException(
					"tracking.consumer.pipeline.flush-interval must be positive, but was " + flushInterval);
		}
	}

}

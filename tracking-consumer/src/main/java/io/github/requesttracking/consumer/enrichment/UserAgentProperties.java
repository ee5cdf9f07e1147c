package io.github.requesttracking.consumer.enrichment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of user-agent parsing.
 *
 * @param enabled whether user agents are parsed; the parser holds about 120 MB of rules
 * in memory and needs a few seconds to load them in the background at start-up
 * @param maxLength how many characters of a user agent are parsed; longer values are cut
 * @param cacheSize how many distinct user agents keep their parsed result
 */
@ConfigurationProperties("tracking.consumer.user-agent")
public record UserAgentProperties(@DefaultValue("true") boolean enabled, @DefaultValue("512") int maxLength,
		@DefaultValue("10000") int cacheSize) {

	/**
	 * Validate the settings.
	 * @throws IllegalArgumentException naming a setting that is not positive
	 */
	public UserAgentProperties {
		if (maxLength < 1 || cacheSize < 1) {
			throw new IllegalArgumentException("tracking.consumer.user-agent.max-length and cache-size must be "
					+ "positive, got " + maxLength + " and " + cacheSize);
		}
	}

}

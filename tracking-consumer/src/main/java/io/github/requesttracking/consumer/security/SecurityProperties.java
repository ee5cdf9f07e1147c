package io.github.requesttracking.consumer.security;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The users of the consumer's HTTP side. A user whose password is not set does not exist,
 * so nothing is open by default.
 *
 * @param admin the user with role {@code ADMIN}: dead-letter replay and everything a
 * viewer may do
 * @param viewer the user with role {@code VIEWER}: analytics and the dashboard
 */
@ConfigurationProperties("tracking.consumer.security")
public record SecurityProperties(@DefaultValue User admin, @DefaultValue User viewer) {

	/**
	 * One user.
	 *
	 * @param username the user name; {@code admin} or {@code viewer} when not set
	 * @param password the password, in plain text or with a {@code {bcrypt}}-style
	 * prefix; the user does not exist when it is not set
	 */
	public record User(@Nullable String username, @Nullable String password) {

	}

}

package io.github.requesttracking.starter.capture;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Tells who made a request. Called on the request thread while the request is being
 * handled (inside any security filter chain), so an implementation can read the current
 * security context. Declare a bean of this type to replace the default.
 */
@FunctionalInterface
public interface UserIdResolver {

	/**
	 * Return the id of the authenticated user.
	 * @param request the request being handled
	 * @return the user id, or {@code null} when the request is anonymous
	 */
	@Nullable String resolveUserId(HttpServletRequest request);

}

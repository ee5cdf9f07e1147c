package io.github.requesttracking.starter.capture;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Uses the name of the servlet request's user principal, for services without Spring
 * Security.
 */
public class PrincipalUserIdResolver implements UserIdResolver {

	@Override
	public @Nullable String resolveUserId(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		return (principal != null) ? principal.getName() : null;
	}

}

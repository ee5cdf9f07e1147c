package io.github.requesttracking.starter.capture;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Uses the name of the authenticated Spring Security principal; anonymous authentication
 * counts as no user. With a JWT resource server the name is the token's subject.
 */
public class SecurityContextUserIdResolver implements UserIdResolver {

	@Override
	public @Nullable String resolveUserId(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		return authentication.getName();
	}

}

package io.github.requesttracking.starter.capture;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;

/**
 * Records the user id in a request attribute while the request is inside the security
 * filter chain. The tracking filter runs before that chain (so that rejected requests are
 * tracked too), and by the time the chain returns to it the security context has been
 * cleared; this filter, ordered after the chain, bridges the gap.
 */
public class UserIdCaptureFilter implements Filter {

	/**
	 * Name the filter is registered under.
	 */
	public static final String FILTER_NAME = "trackingUserIdFilter";

	/**
	 * Default order: after the security filter chain and every other usual filter.
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	/**
	 * Request attribute holding the resolved user id.
	 */
	public static final String USER_ID_ATTRIBUTE = UserIdCaptureFilter.class.getName() + ".userId";

	private final UserIdResolver resolver;

	/**
	 * Create the filter.
	 * @param resolver how the user id is found
	 */
	public UserIdCaptureFilter(UserIdResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest http) || request.getAttribute(USER_ID_ATTRIBUTE) != null) {
			chain.doFilter(request, response);
			return;
		}
		record(http);
		try {
			chain.doFilter(request, response);
		}
		finally {
			record(http);
		}
	}

	private void record(HttpServletRequest request) {
		try {
			String userId = this.resolver.resolveUserId(request);
			if (userId != null) {
				request.setAttribute(USER_ID_ATTRIBUTE, userId);
			}
		}
		catch (RuntimeException ex) {
			// A failing resolver must not fail the request; the event then has no user
			// id.
		}
	}

}

package io.github.requesttracking.starter.capture;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.starter.delivery.DeliveryStatistics;
import io.github.requesttracking.starter.delivery.EventSink;
import io.github.requesttracking.starter.privacy.ClientIpResolver;
import io.github.requesttracking.starter.privacy.PathMasker;
import io.github.requesttracking.starter.privacy.QueryScrubber;
import io.github.requesttracking.starter.privacy.TextBounds;
import io.github.requesttracking.starter.privacy.UrlSanitizer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;

/**
 * Turns every request into a {@link RequestEvent} and hands it to an {@link EventSink}.
 * <p>
 * The filter runs before the security filter chain, so rejected requests are tracked too.
 * Timing runs from filter entry to the end of the response; for asynchronous requests it
 * ends when the async cycle completes. A request that ends in an exception is recorded
 * with the status the client receives. Error and async dispatches of a tracked request
 * are not counted again. The filter never reads or wraps the body, reads only the headers
 * the event contract names, and never fails or delays the request because of tracking.
 */
public class TrackingFilter implements Filter {

	/**
	 * Name the filter is registered under.
	 */
	public static final String FILTER_NAME = "trackingFilter";

	/**
	 * Default order: right after character encoding, before the security filter chain.
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * Route label for a request that no handler matched and that ended in 404.
	 */
	public static final String NOT_FOUND = "NOT_FOUND";

	/**
	 * Route label for a request that no handler matched and that was redirected.
	 */
	public static final String REDIRECTION = "REDIRECTION";

	/**
	 * Route label for any other request that no handler matched.
	 */
	public static final String UNKNOWN = "UNKNOWN";

	/**
	 * Request attribute Spring MVC stores the matched handler template in (the value of
	 * {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}).
	 */
	static final String BEST_MATCHING_PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

	private static final String CAPTURE_ATTRIBUTE = TrackingFilter.class.getName() + ".capture";

	private static final Logger logger = LoggerFactory.getLogger(TrackingFilter.class);

	private final String service;

	private final ClientIpResolver clientIpResolver;

	private final QueryScrubber queryScrubber;

	private final PathMasker pathMasker;

	private final UrlSanitizer urlSanitizer;

	private final UserIdResolver userIdResolver;

	private final RequestExclusions exclusions;

	private final RequestSampler sampler;

	private final EventSink sink;

	private final DeliveryStatistics statistics;

	private final TextLimits limits;

	private final Clock clock;

	private final AtomicBoolean captureFailureWarned = new AtomicBoolean();

	/**
	 * Create the filter.
	 * @param service the service name recorded in every event
	 * @param privacy the privacy rules applied to each request
	 * @param userIdResolver how the user id is found when no capture filter recorded it
	 * @param exclusions paths that are never tracked
	 * @param sampler which requests are kept
	 * @param sink where finished events go
	 * @param statistics counters for requests left out by sampling
	 * @param limits bounds on text fields
	 * @param clock the clock request start times are read from
	 */
	public TrackingFilter(String service, Privacy privacy, UserIdResolver userIdResolver, RequestExclusions exclusions,
			RequestSampler sampler, EventSink sink, DeliveryStatistics statistics, TextLimits limits, Clock clock) {
		this.service = TextBounds.clean(service, limits.service());
		this.clientIpResolver = privacy.clientIpResolver();
		this.queryScrubber = privacy.queryScrubber();
		this.pathMasker = privacy.pathMasker();
		this.urlSanitizer = privacy.urlSanitizer();
		this.userIdResolver = userIdResolver;
		this.exclusions = exclusions;
		this.sampler = sampler;
		this.sink = sink;
		this.statistics = statistics;
		this.limits = limits;
		this.clock = clock;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		if (!(servletRequest instanceof HttpServletRequest request)
				|| !(servletResponse instanceof HttpServletResponse response)
				|| request.getAttribute(CAPTURE_ATTRIBUTE) != null || isExcluded(request)) {
			chain.doFilter(servletRequest, servletResponse);
			return;
		}
		Capture capture = new Capture(this.clock.instant(), System.nanoTime());
		request.setAttribute(CAPTURE_ATTRIBUTE, capture);
		boolean failed = true;
		try {
			chain.doFilter(request, response);
			failed = false;
		}
		finally {
			if (!failed && request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new AsyncCompletion(capture, request, response));
			}
			else {
				complete(capture, request, response, failed);
			}
		}
	}

	private boolean isExcluded(HttpServletRequest request) {
		try {
			String uri = request.getRequestURI();
			String contextPath = request.getContextPath();
			String path = (!contextPath.isEmpty() && uri.startsWith(contextPath)) ? uri.substring(contextPath.length())
					: uri;
			return this.exclusions.isExcluded(path.isEmpty() ? "/" : path);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private void complete(Capture capture, HttpServletRequest request, HttpServletResponse response, boolean failed) {
		try {
			int status = status(response, failed);
			double sampleRate = this.sampler.sampleRate(status);
			if (sampleRate == RequestSampler.SKIP) {
				this.statistics.sampledOut();
				return;
			}
			if (!this.sink.dropEarly()) {
				this.sink.offer(event(capture, request, status, sampleRate));
			}
		}
		catch (RuntimeException ex) {
			if (!this.captureFailureWarned.getAndSet(true)) {
				logger.warn("Could not record a tracking event for a request; such requests are not tracked", ex);
			}
			else {
				logger.debug("Could not record a tracking event", ex);
			}
		}
	}

	// Limitation: for an exception that reaches the container, the status is taken as 500
	// (unless the response was already committed) and the duration ends when the
	// exception leaves this filter, before the container renders its error page. A
	// container error page that maps an exception type to another status is not
	// reflected.
	private static int status(HttpServletResponse response, boolean failed) {
		int status = response.getStatus();
		if (failed && !response.isCommitted() && status < 400) {
			// The exception reaches the container, which answers 500 on an uncommitted
			// response.
			return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
		}
		return (status >= 100 && status <= 599) ? status : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
	}

	// Limitation: header values are recorded as the container decoded them (ISO-8859-1
	// for Tomcat), so a non-ASCII User-Agent or Referer shows mis-decoded characters
	// rather than being re-decoded as UTF-8; it never breaks the event.
	private RequestEvent event(Capture capture, HttpServletRequest request, int status, double sampleRate) {
		double durationMs = (System.nanoTime() - capture.startNanos) / 1_000_000.0;
		String path = TextBounds.clean(this.pathMasker.mask(rawPath(request)), this.limits.path());
		Map<String, List<String>> query = this.queryScrubber.scrub(request.getQueryString());
		return new RequestEvent(RequestEvent.CURRENT_SCHEMA_VERSION, randomUuid(), capture.start, this.service,
				TextBounds.clean(request.getMethod(), 32), path, route(request, status), query,
				this.clientIpResolver.resolve(request),
				TextBounds.clean(request.getHeader("User-Agent"), this.limits.userAgent()),
				TextBounds.clean(this.urlSanitizer.referer(request.getHeader("Referer")), this.limits.referer()),
				TextBounds.clean(this.urlSanitizer.origin(request.getHeader("Origin")), this.limits.origin()),
				TextBounds.clean(userId(request), this.limits.userId()), status, durationMs, sampleRate);
	}

	private static String rawPath(HttpServletRequest request) {
		if (request.getDispatcherType() == DispatcherType.ERROR
				&& request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) {
			return original;
		}
		String uri = request.getRequestURI();
		return (uri != null) ? uri : "/";
	}

	private @Nullable String route(HttpServletRequest request, int status) {
		Object pattern = request.getAttribute(BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern instanceof String template && !isCatchAllMiss(template, status)) {
			return TextBounds.clean(template.isEmpty() ? "root" : template, this.limits.route());
		}
		if (status >= 300 && status < 400) {
			return REDIRECTION;
		}
		return (status == 404) ? NOT_FOUND : UNKNOWN;
	}

	/**
	 * Tell whether a 404 came from a catch-all handler such as the static resource
	 * handler ({@code /**}), which means that nothing really matched.
	 */
	private static boolean isCatchAllMiss(String template, int status) {
		return status == 404 && template.endsWith("/**");
	}

	// Limitation: the user id is recorded as the principal's name, not pseudonymised; a
	// service that needs pseudonyms replaces the UserIdResolver bean.
	private @Nullable String userId(HttpServletRequest request) {
		Object captured = request.getAttribute(UserIdCaptureFilter.USER_ID_ATTRIBUTE);
		if (captured instanceof String userId) {
			return userId;
		}
		try {
			return this.userIdResolver.resolveUserId(request);
		}
		catch (RuntimeException ex) {
			logger.debug("User id resolver failed; recording the request as anonymous", ex);
			return null;
		}
	}

	/**
	 * A random (version 4) UUID from a fast, non-cryptographic generator: event ids must
	 * be unique, not unpredictable, and the request thread must not contend on a shared
	 * secure random source.
	 */
	static UUID randomUuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}

	/**
	 * The privacy rules the filter applies.
	 *
	 * @param clientIpResolver chooses and anonymizes the client address
	 * @param queryScrubber parses and scrubs the query string
	 * @param pathMasker masks secret-looking path segments
	 * @param urlSanitizer reduces referer and origin values
	 */
	public record Privacy(ClientIpResolver clientIpResolver, QueryScrubber queryScrubber, PathMasker pathMasker,
			UrlSanitizer urlSanitizer) {

	}

	private static final class Capture {

		private final Instant start;

		private final long startNanos;

		private Capture(Instant start, long startNanos) {
			this.start = start;
			this.startNanos = startNanos;
		}

	}

	private final class AsyncCompletion implements AsyncListener {

		private final Capture capture;

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private volatile boolean failed;

		private AsyncCompletion(Capture capture, HttpServletRequest request, HttpServletResponse response) {
			this.capture = capture;
			this.request = request;
			this.response = response;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			complete(this.capture, this.request, this.response, this.failed);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			// The container answers the timeout itself; its status is read on completion.
		}

		@Override
		public void onError(AsyncEvent event) {
			this.failed = true;
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}

package io.github.requesttracking.bench;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.starter.capture.RequestExclusions;
import io.github.requesttracking.starter.capture.RequestSampler;
import io.github.requesttracking.starter.capture.TextLimits;
import io.github.requesttracking.starter.capture.TrackingFilter;
import io.github.requesttracking.starter.capture.UserIdCaptureFilter;
import io.github.requesttracking.starter.delivery.DeliveryStatistics;
import io.github.requesttracking.starter.privacy.ClientIpResolver;
import io.github.requesttracking.starter.privacy.ForwardedHeader;
import io.github.requesttracking.starter.privacy.IpAnonymizer;
import io.github.requesttracking.starter.privacy.PathMasker;
import io.github.requesttracking.starter.privacy.QueryMode;
import io.github.requesttracking.starter.privacy.QueryScrubber;
import io.github.requesttracking.starter.privacy.RefererMode;
import io.github.requesttracking.starter.privacy.UrlSanitizer;
import jakarta.servlet.FilterChain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Request-thread cost of the tracking filter: building the event (privacy rules included)
 * and offering it to a bounded buffer that a background thread drains, as the publisher
 * does. {@link #withoutFilter} builds the same mock request without the filter; the
 * difference is the filter's cost per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterCostBenchmark {

	private static final FilterChain HANDLER = (request, response) -> {
		request.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/api/notes/{id}");
		request.setAttribute(UserIdCaptureFilter.USER_ID_ATTRIBUTE, "user-42");
	};

	private final ArrayBlockingQueue<RequestEvent> buffer = new ArrayBlockingQueue<>(10_000);

	private TrackingFilter filter;

	private Thread drainer;

	private volatile boolean draining;

	@Setup(Level.Trial)
	public void setUp() {
		PathMasker masker = new PathMasker(true, 24);
		TrackingFilter.Privacy privacy = new TrackingFilter.Privacy(
				new ClientIpResolver(List.of(), ForwardedHeader.X_FORWARDED_FOR, 20, new IpAnonymizer(24, 48)),
				new QueryScrubber(QueryMode.REDACT, QueryScrubber.DEFAULT_SENSITIVE_NAMES,
						QueryScrubber.DEFAULT_SENSITIVE_NAME_FRAGMENTS, List.of(), true,
						new QueryScrubber.Limits(32, 8, 128, 256, 4096, 24)),
				masker, new UrlSanitizer(RefererMode.PATH, masker));
		this.filter = new TrackingFilter("bench", privacy, (request) -> null,
				new RequestExclusions(List.of("/health", "/health/**", "/actuator", "/actuator/**")),
				new RequestSampler(1.0, false), this.buffer::offer, new DeliveryStatistics(), TextLimits.CONTRACT,
				Clock.systemUTC());
		this.draining = true;
		this.drainer = new Thread(() -> {
			List<RequestEvent> batch = new java.util.ArrayList<>(100);
			while (this.draining) {
				batch.clear();
				if (this.buffer.drainTo(batch, 100) < 100) {
					LockSupport.parkNanos(1_000_000);
				}
			}
		}, "drainer");
		this.drainer.setDaemon(true);
		this.drainer.start();
	}

	@TearDown(Level.Trial)
	public void tearDown() throws InterruptedException {
		this.draining = false;
		this.drainer.join();
	}

	@Benchmark
	public Object withoutFilter() throws Exception {
		MockHttpServletRequest request = typicalRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		HANDLER.doFilter(request, response);
		return response;
	}

	@Benchmark
	public Object withFilter() throws Exception {
		MockHttpServletRequest request = typicalRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, HANDLER);
		return response;
	}

	@Benchmark
	public Object withFilterAndSecrets() throws Exception {
		MockHttpServletRequest request = typicalRequest();
		request.setQueryString("page=2&access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln&sort=name");
		request.addHeader("Referer", "https://app.example/reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln?x=1");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, HANDLER);
		return response;
	}

	private static MockHttpServletRequest typicalRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/notes/42");
		request.setRemoteAddr("203.0.113.77");
		request.setQueryString("page=2");
		request.addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0");
		request.addHeader("Referer", "https://app.example/notes");
		return request;
	}

}

package io.github.requesttracking.starter.capture;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.starter.delivery.DeliveryStatistics;
import io.github.requesttracking.starter.delivery.EventSink;
import io.github.requesttracking.starter.privacy.ClientIpResolver;
import io.github.requesttracking.starter.privacy.ForwardedHeader;
import io.github.requesttracking.starter.privacy.IpAnonymizer;
import io.github.requesttracking.starter.privacy.PathMasker;
import io.github.requesttracking.starter.privacy.QueryMode;
import io.github.requesttracking.starter.privacy.QueryScrubber;
import io.github.requesttracking.starter.privacy.RefererMode;
import io.github.requesttracking.starter.privacy.UrlSanitizer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TrackingFilterTests {

	private static final Instant NOW = Instant.parse("2026-12-03T10:15:30.123Z");

	private final List<RequestEvent> events = new ArrayList<>();

	private final DeliveryStatistics statistics = new DeliveryStatistics();

	private final TrackingFilter filter = filter(this.events::add, new RequestSampler(1.0, false));

	@Test
	void recordsEveryContractFieldOfACompletedRequest() throws Exception {
		MockHttpServletRequest request = request("POST", "/shop/api/orders/7");
		request.setContextPath("/shop");
		request.setQueryString("page=1&password=x");
		request.addHeader("User-Agent", "curl/8.0");
		request.addHeader("Referer", "https://app.example/checkout?card=4111111111111111");
		request.addHeader("Origin", "https://app.example");

		this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
			req.setAttribute(TrackingFilter.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/orders/{id}");
			((HttpServletResponse) res).setStatus(201);
			req.setAttribute(UserIdCaptureFilter.USER_ID_ATTRIBUTE, "user-17");
		});

		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.schemaVersion()).isEqualTo(1);
			assertThat(event.timestamp()).isEqualTo(NOW);
			assertThat(event.service()).isEqualTo("orders");
			assertThat(event.method()).isEqualTo("POST");
			assertThat(event.path()).isEqualTo("/shop/api/orders/7");
			assertThat(event.route()).isEqualTo("/api/orders/{id}");
			assertThat(event.queryParams()).containsEntry("page", List.of("1"))
				.containsEntry("password", List.of("REDACTED"));
			assertThat(event.clientIp()).isEqualTo("198.51.100.0");
			assertThat(event.userAgent()).isEqualTo("curl/8.0");
			assertThat(event.referer()).isEqualTo("https://app.example/checkout");
			assertThat(event.origin()).isEqualTo("https://app.example");
			assertThat(event.userId()).isEqualTo("user-17");
			assertThat(event.statusCode()).isEqualTo(201);
			assertThat(event.durationMs()).isNotNegative();
			assertThat(event.sampleRate()).isEqualTo(1.0);
		});
	}

	@Test
	void recordsAnExceptionAsTheServerErrorTheClientReceives() {
		assertThatIllegalStateException().isThrownBy(
				() -> this.filter.doFilter(request("GET", "/boom"), new MockHttpServletResponse(), (req, res) -> {
					throw new IllegalStateException("boom");
				}));

		assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.statusCode()).isEqualTo(500));
	}

	@Test
	void keepsTheStatusOfAnAlreadyCommittedResponseThatFailedLater() {
		MockHttpServletResponse response = new MockHttpServletResponse();

		assertThatIllegalStateException()
			.isThrownBy(() -> this.filter.doFilter(request("GET", "/stream"), response, (req, res) -> {
				res.flushBuffer();
				throw new IllegalStateException("late");
			}));

		assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.statusCode()).isEqualTo(200));
	}

	@Test
	void countsTheErrorDispatchOfATrackedRequestOnce() throws Exception {
		MockHttpServletRequest request = request("GET", "/missing");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> ((HttpServletResponse) res).sendError(404));
		request.setDispatcherType(DispatcherType.ERROR);

		this.filter.doFilter(request, response, (req, res) -> {
		});

		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.statusCode()).isEqualTo(404);
			assertThat(event.route()).isEqualTo(TrackingFilter.NOT_FOUND);
		});
	}

	@Test
	void tracksAnErrorDispatchWhoseRequestWasNotTrackedUnderTheOriginalPath() throws Exception {
		MockHttpServletRequest request = request("GET", "/error");
		request.setDispatcherType(DispatcherType.ERROR);
		request.setAttribute("jakarta.servlet.error.request_uri", "/original");
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(400);

		this.filter.doFilter(request, response, (req, res) -> {
		});

		assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.path()).isEqualTo("/original"));
	}

	@Test
	void recordsAnAsyncRequestWhenItCompletes() throws Exception {
		MockHttpServletRequest request = request("GET", "/async");
		request.setAsyncSupported(true);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> {
			req.startAsync();
			req.setAttribute(TrackingFilter.BEST_MATCHING_PATTERN_ATTRIBUTE, "/async");
		});
		assertThat(this.events).isEmpty();
		request.setDispatcherType(DispatcherType.ASYNC);
		this.filter.doFilter(request, response, (req, res) -> ((HttpServletResponse) res).setStatus(202));

		((MockAsyncContext) request.getAsyncContext()).complete();

		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.statusCode()).isEqualTo(202);
			assertThat(event.route()).isEqualTo("/async");
		});
	}

	@Test
	void labelsRequestsThatNoHandlerMatchedByOutcome() throws Exception {
		assertThat(routeFor(302, null)).isEqualTo(TrackingFilter.REDIRECTION);
		assertThat(routeFor(404, null)).isEqualTo(TrackingFilter.NOT_FOUND);
		assertThat(routeFor(404, "/**")).isEqualTo(TrackingFilter.NOT_FOUND);
		assertThat(routeFor(401, null)).isEqualTo(TrackingFilter.UNKNOWN);
		assertThat(routeFor(200, "")).isEqualTo("root");
		assertThat(routeFor(404, "/api/notes/{id}")).isEqualTo("/api/notes/{id}");
	}

	@Test
	void skipsExcludedPaths() throws Exception {
		TrackingFilter excluding = new TrackingFilter("orders", privacy(), (request) -> null,
				new RequestExclusions(List.of("/health/**", "/actuator/**")), new RequestSampler(1.0, false),
				this.events::add, this.statistics, TextLimits.CONTRACT, Clock.fixed(NOW, ZoneOffset.UTC));

		excluding.doFilter(request("GET", "/health"), new MockHttpServletResponse(), (req, res) -> {
		});
		excluding.doFilter(request("GET", "/actuator/health/liveness"), new MockHttpServletResponse(), (req, res) -> {
		});
		excluding.doFilter(request("GET", "/healthy"), new MockHttpServletResponse(), (req, res) -> {
		});

		assertThat(this.events).extracting(RequestEvent::path).containsExactly("/healthy");
	}

	@Test
	void neverFailsTheRequestWhenTheSinkThrows() {
		TrackingFilter failing = filter((event) -> {
			throw new IllegalStateException("sink broken");
		}, new RequestSampler(1.0, false));

		assertThatNoException()
			.isThrownBy(() -> failing.doFilter(request("GET", "/"), new MockHttpServletResponse(), (req, res) -> {
			}));
	}

	@Test
	void buildsNoEventWhenTheSinkDropsItEarly() throws Exception {
		List<RequestEvent> offered = new ArrayList<>();
		List<Boolean> asked = new ArrayList<>();
		EventSink full = new EventSink() {

			@Override
			public boolean offer(RequestEvent event) {
				return offered.add(event);
			}

			@Override
			public boolean dropEarly() {
				asked.add(true);
				return asked.size() > 1;
			}

		};
		TrackingFilter filter = filter(full, new RequestSampler(1.0, false));

		for (int i = 0; i < 3; i++) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			filter.doFilter(request("GET", "/notes"), response,
					(req, res) -> ((HttpServletResponse) res).setStatus(201));
			assertThat(response.getStatus()).isEqualTo(201);
		}

		assertThat(asked).hasSize(3);
		assertThat(offered).hasSize(1);
	}

	@Test
	void readsNoBodyAndNoHeaderOutsideTheContract() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login") {

			@Override
			public jakarta.servlet.ServletInputStream getInputStream() {
				throw new AssertionError("The body must not be read");
			}

			@Override
			public java.io.BufferedReader getReader() {
				throw new AssertionError("The body must not be read");
			}

			@Override
			public String getParameter(String name) {
				throw new AssertionError("Parameters must not be read");
			}

			@Override
			public String getHeader(String name) {
				assertThat(name).isIn("User-Agent", "Referer", "Origin");
				return super.getHeader(name);
			}

		};
		request.setRemoteAddr("198.51.100.7");
		request.setContentType("application/x-www-form-urlencoded");
		request.setContent("password=hunter2".getBytes());
		request.addHeader("Authorization", "Bearer secret");
		request.addHeader("Cookie", "SESSION=secret");

		this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});

		assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.queryParams()).isEmpty());
	}

	@Test
	void boundsTextFieldsAndReplacesControlCharacters() throws Exception {
		MockHttpServletRequest request = request("GET", "/x");
		request.addHeader("User-Agent", "agent\u0001" + "a".repeat(5000));

		this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});

		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.userAgent()).hasSize(TextLimits.CONTRACT.userAgent()).startsWith("agent\uFFFDa");
		});
	}

	@Test
	void leavesOutSampledRequestsButAlwaysKeepsServerErrors() throws Exception {
		TrackingFilter sampling = filter(this.events::add, new RequestSampler(0.000001, false));

		sampling.doFilter(request("GET", "/ok"), new MockHttpServletResponse(), (req, res) -> {
		});
		sampling.doFilter(request("GET", "/broken"), new MockHttpServletResponse(),
				(req, res) -> ((HttpServletResponse) res).setStatus(503));

		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.path()).isEqualTo("/broken");
			assertThat(event.sampleRate()).isEqualTo(1.0);
		});
		assertThat(this.statistics.sampledOutCount()).isEqualTo(1);
	}

	@Test
	void createsVersionFourEventIds() {
		assertThat(TrackingFilter.randomUuid().version()).isEqualTo(4);
		assertThat(TrackingFilter.randomUuid().variant()).isEqualTo(2);
		assertThat(TrackingFilter.randomUuid()).isNotEqualTo(TrackingFilter.randomUuid());
	}

	private String routeFor(int status, String pattern) throws IOException, ServletException {
		this.events.clear();
		FilterChain chain = (req, res) -> {
			if (pattern != null) {
				req.setAttribute(TrackingFilter.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
			}
			((HttpServletResponse) res).setStatus(status);
		};
		this.filter.doFilter(request("GET", "/somewhere"), new MockHttpServletResponse(), chain);
		return this.events.get(0).route();
	}

	private TrackingFilter filter(EventSink sink, RequestSampler sampler) {
		return new TrackingFilter("orders", privacy(), (request) -> null, new RequestExclusions(List.of()), sampler,
				sink, this.statistics, TextLimits.CONTRACT, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static TrackingFilter.Privacy privacy() {
		PathMasker masker = new PathMasker(true, 24);
		return new TrackingFilter.Privacy(
				new ClientIpResolver(List.of(), ForwardedHeader.X_FORWARDED_FOR, 20, new IpAnonymizer(24, 48)),
				new QueryScrubber(QueryMode.REDACT, QueryScrubber.DEFAULT_SENSITIVE_NAMES,
						QueryScrubber.DEFAULT_SENSITIVE_NAME_FRAGMENTS, List.of(), true,
						new QueryScrubber.Limits(32, 8, 128, 256, 4096, 24)),
				masker, new UrlSanitizer(RefererMode.PATH, masker));
	}

	private static MockHttpServletRequest request(String method, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
		request.setRemoteAddr("198.51.100.7");
		return request;
	}

}

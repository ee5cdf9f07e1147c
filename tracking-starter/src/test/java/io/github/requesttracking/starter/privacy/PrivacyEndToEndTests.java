package io.github.requesttracking.starter.privacy;

import java.util.List;
import java.util.Map;

import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.starter.app.EventQueue;
import io.github.requesttracking.starter.app.TrackedApplication;
import io.github.requesttracking.testsupport.EventSchema;
import io.github.requesttracking.testsupport.RabbitNames;
import io.github.requesttracking.testsupport.RabbitServer;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Sends requests full of secrets and forged addresses to a real application and checks
 * the messages it publishes to the real broker.
 */
class PrivacyEndToEndTests {

	private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";

	private static final List<String> SECRETS = List.of("hunter2", "tok-3141592653",
			"ghp_0123456789abcdefghijABCDEFGHIJ012345", "dBjftJeZ4CVP", "pa55word", "reset-abc", "frag-secret",
			"bearer-secret-xyz", "cookie-secret-xyz", "api-key-secret-xyz", "4111111111111111", "sig-secret");

	private static RabbitNames names;

	private static EventQueue queue;

	private static TrackedApplication application;

	@BeforeAll
	static void start() {
		names = RabbitServer.get().names("privacy");
		String exchange = names.exchange("events");
		queue = new EventQueue(exchange, names.queue("events"));
		RabbitServer rabbit = RabbitServer.get();
		application = TrackedApplication.start(
				Map.of("tracking.exchange", exchange, "tracking.rabbitmq.host", rabbit.host(), "tracking.rabbitmq.port",
						rabbit.port(), "tracking.client-ip.trusted-proxies", "10.0.0.0/8,fd00::/8"));
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
		if (queue != null) {
			queue.close();
		}
		if (names != null) {
			names.close();
		}
	}

	@Test
	void secretsInQueryPathRefererAndHeadersNeverReachTheBroker() {
		String query = "?password=hunter2&access_token=tok-3141592653&q=ghp_0123456789abcdefghijABCDEFGHIJ012345"
				+ "&card=4111111111111111&X-Amz-Signature=sig-secret&page=2";

		int status = application.get("/api/items/" + JWT + query, "Referer",
				"https://bob:pa55word@app.example/reset/" + JWT + "?token=reset-abc#frag-secret", "Authorization",
				"Bearer bearer-secret-xyz", "Cookie", "SESSION=cookie-secret-xyz", "X-Api-Key", "api-key-secret-xyz")
			.statusCode();

		assertThat(status).isEqualTo(200);
		RequestEvent event = queue.awaitPath("/api/items/REDACTED");
		assertThat(event.route()).isEqualTo("/api/items/{id}");
		assertThat(event.queryParams()).containsEntry("password", List.of("REDACTED"))
			.containsEntry("access_token", List.of("REDACTED"))
			.containsEntry("q", List.of("REDACTED"))
			.containsEntry("card", List.of("REDACTED"))
			.containsEntry("X-Amz-Signature", List.of("REDACTED"))
			.containsEntry("page", List.of("2"));
		assertThat(event.referer()).isEqualTo("https://app.example/reset/REDACTED");
		String published = messageOf(event);
		assertThat(SECRETS).allSatisfy((secret) -> assertThat(published).doesNotContain(secret));
		assertThat(EventSchema.violations(published.getBytes())).isEmpty();
	}

	@Test
	void ignoresForgedForwardingHeadersFromAnUntrustedPeer() {
		application.get("/api/items/1?probe=forged", "X-Forwarded-For", "6.6.6.6", "Forwarded", "for=7.7.7.7",
				"X-Real-IP", "8.8.8.8");

		RequestEvent event = queue.awaitEvent((candidate) -> candidate.queryParams().containsKey("probe")
				&& candidate.queryParams().get("probe").equals(List.of("forged")));
		assertThat(event.clientIp()).isEqualTo("127.0.0.0");
	}

	@Test
	void anonymizesEveryAddressFamilyBeforePublishing() throws Exception {
		MockMvc mvc = mockMvc();
		Map<String, String> peers = Map.of("203.0.113.77", "203.0.113.0", "2001:db8:85a3:8d3:1319:8a2e:370:7348",
				"2001:db8:85a3::", "::ffff:81.2.69.142", "81.2.69.0", "2002:5102:458e::1", "2002:5102:4500::",
				"fe80::1%eth0", "fe80::");

		int probe = 0;
		for (Map.Entry<String, String> peer : peers.entrySet()) {
			String marker = "family-" + probe++;
			mvc.perform(get("/api/items/1").queryParam("probe", marker).with((request) -> {
				request.setRemoteAddr(peer.getKey());
				return request;
			}));

			RequestEvent event = queue
				.awaitEvent((candidate) -> List.of(marker).equals(candidate.queryParams().get("probe")));
			assertThat(event.clientIp()).as(peer.getKey()).isEqualTo(peer.getValue());
			assertThat(messageOf(event)).doesNotContain(peer.getKey());
		}
	}

	@Test
	void takesTheClientBehindTrustedProxiesFromTheRight() throws Exception {
		mockMvc().perform(get("/api/items/1").queryParam("probe", "proxied")
			.header("X-Forwarded-For", "6.6.6.6, [2001:db8:1:2::3]:443, 10.1.1.1")
			.with((request) -> {
				request.setRemoteAddr("10.0.0.2");
				return request;
			}));

		RequestEvent event = queue
			.awaitEvent((candidate) -> List.of("proxied").equals(candidate.queryParams().get("probe")));
		assertThat(event.clientIp()).isEqualTo("2001:db8:1::");
	}

	private static String messageOf(RequestEvent event) {
		return queue.messages()
			.stream()
			.map(EventQueue.Message::text)
			.filter((text) -> text.contains(event.eventId().toString()))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static MockMvc mockMvc() {
		WebApplicationContext context = (WebApplicationContext) application.context();
		Filter tracking = context.getBean("trackingFilterRegistration", FilterRegistrationBean.class).getFilter();
		Filter userId = context.getBean("trackingUserIdFilterRegistration", FilterRegistrationBean.class).getFilter();
		Filter security = context.getBean("springSecurityFilterChain", Filter.class);
		return MockMvcBuilders.webAppContextSetup(context).addFilters(tracking, security, userId).build();
	}

}

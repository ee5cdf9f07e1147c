package io.github.requesttracking.starter.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.starter.capture.PrincipalUserIdResolver;
import io.github.requesttracking.starter.capture.SecurityContextUserIdResolver;
import io.github.requesttracking.starter.capture.TrackingFilter;
import io.github.requesttracking.starter.capture.UserIdCaptureFilter;
import io.github.requesttracking.starter.capture.UserIdResolver;
import io.github.requesttracking.starter.delivery.DeliveryHealthIndicator;
import io.github.requesttracking.starter.delivery.DeliveryMeters;
import io.github.requesttracking.starter.delivery.EventSink;
import io.github.requesttracking.starter.delivery.PublisherSettings;
import io.github.requesttracking.starter.delivery.RabbitEventPublisher;
import io.github.requesttracking.starter.privacy.ClientIpResolver;
import io.github.requesttracking.starter.privacy.QueryScrubber;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TrackingAutoConfiguration.class))
		.withPropertyValues("tracking.rabbitmq.port=1", "tracking.delivery.shutdown-timeout=100ms");

	@Test
	void registersTheFilterThePublisherAndThePrivacyRulesByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RabbitEventPublisher.class)
				.hasSingleBean(ClientIpResolver.class)
				.hasSingleBean(QueryScrubber.class)
				.hasSingleBean(DeliveryMeters.class)
				.hasSingleBean(DeliveryHealthIndicator.class)
				.hasBean("trackingHealthIndicator");
			FilterRegistrationBean<?> registration = context
				.getBean(TrackingAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(TrackingFilter.class);
			assertThat(registration.getFilterName()).isEqualTo(TrackingFilter.FILTER_NAME);
			assertThat(registration.getOrder()).isEqualTo(TrackingFilter.DEFAULT_ORDER);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR);
			FilterRegistrationBean<?> userId = context
				.getBean(TrackingAutoConfiguration.USER_ID_FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
			assertThat(userId.getFilter()).isInstanceOf(UserIdCaptureFilter.class);
			assertThat(userId.getOrder()).isGreaterThan(-100);
			PublisherSettings settings = context.getBean(RabbitEventPublisher.class).settings();
			assertThat(settings.exchange()).isEqualTo("request_tracking");
			assertThat(settings.host()).isEqualTo("localhost");
			assertThat(settings.username()).isEqualTo("guest");
			assertThat(settings.virtualHost()).isEqualTo("/");
		});
	}

	@Test
	void usesTheSpringSecurityPrincipalWhenSpringSecurityIsPresent() {
		this.runner.run((context) -> assertThat(context).getBean(UserIdResolver.class)
			.isInstanceOf(SecurityContextUserIdResolver.class));
	}

	@Test
	void usesTheServletPrincipalWithoutSpringSecurity() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).getBean(UserIdResolver.class)
				.isInstanceOf(PrincipalUserIdResolver.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnBeans() {
		this.runner.withUserConfiguration(OwnBeans.class).run((context) -> {
			assertThat(context).doesNotHaveBean(RabbitEventPublisher.class)
				.hasSingleBean(EventSink.class)
				.hasSingleBean(UserIdResolver.class)
				.hasSingleBean(ClientIpResolver.class);
			assertThat(context.getBean(UserIdResolver.class)).isSameAs(context.getBean(OwnBeans.class).resolver);
			assertThat(context.getBean(ClientIpResolver.class)).isSameAs(context.getBean(OwnBeans.class).clientIp);
		});
	}

	@Test
	void usesTheApplicationsSinkAndExcludesTheActuatorBasePath() {
		this.runner.withUserConfiguration(OwnBeans.class)
			.withPropertyValues("management.endpoints.web.base-path=/manage", "spring.application.name=orders")
			.run((context) -> {
				TrackingFilter filter = (TrackingFilter) context
					.getBean(TrackingAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
					.getFilter();
				for (String path : List.of("/manage/health", "/health", "/ready", "/metrics/x", "/api/orders")) {
					MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
					filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
					});
				}

				List<RequestEvent> events = context.getBean(OwnBeans.class).events;
				assertThat(events).extracting(RequestEvent::path).containsExactly("/api/orders");
				assertThat(events.get(0).service()).isEqualTo("orders");
			});
	}

	@Test
	void fallsBackToSpringRabbitmqPropertiesAndLetsTrackingOverrideThem() {
		this.runner
			.withPropertyValues("spring.rabbitmq.host=broker.internal", "spring.rabbitmq.port=5673",
					"spring.rabbitmq.username=app", "spring.rabbitmq.virtual-host=apps", "tracking.rabbitmq.port=1",
					"tracking.rabbitmq.username=tracker", "tracking.exchange=audit")
			.run((context) -> {
				PublisherSettings settings = context.getBean(RabbitEventPublisher.class).settings();
				assertThat(settings.host()).isEqualTo("broker.internal");
				assertThat(settings.port()).isEqualTo(1);
				assertThat(settings.username()).isEqualTo("tracker");
				assertThat(settings.password()).isEqualTo("guest");
				assertThat(settings.virtualHost()).isEqualTo("apps");
				assertThat(settings.exchange()).isEqualTo("audit");
			});
	}

	@Test
	void isSwitchedOffByProperty() {
		this.runner.withPropertyValues("tracking.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RabbitEventPublisher.class)
				.doesNotHaveBean(TrackingAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME));
	}

	@Test
	void isAbsentWithoutTheRabbitmqClient() {
		this.runner.withClassLoader(new FilteredClassLoader(com.rabbitmq.client.ConnectionFactory.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RabbitEventPublisher.class)
				.doesNotHaveBean(TrackingAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME));
	}

	@Test
	void isAbsentOutsideServletWebApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TrackingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RabbitEventPublisher.class));
	}

	@Test
	void failsFastNamingAnInvalidTrustedProxy() {
		this.runner.withPropertyValues("tracking.client-ip.trusted-proxies=proxy.internal")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("proxy.internal"));
	}

	@Test
	void describesEveryPropertyInTheGeneratedMetadata() throws Exception {
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).isNotNull();
			JsonNode properties = JsonMapper.builder().build().readTree(metadata).get("properties");
			List<String> names = new ArrayList<>();
			for (JsonNode property : properties) {
				names.add(property.get("name").asString());
				assertThat(property.path("description").asString("")).as(property.get("name").asString()).isNotBlank();
			}
			assertThat(names).contains("tracking.enabled", "tracking.service", "tracking.exchange",
					"tracking.rabbitmq.host", "tracking.rabbitmq.port", "tracking.rabbitmq.username",
					"tracking.rabbitmq.password", "tracking.rabbitmq.virtual-host",
					"tracking.client-ip.trusted-proxies");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		final List<RequestEvent> events = new ArrayList<>();

		final UserIdResolver resolver = (request) -> "someone";

		final ClientIpResolver clientIp = new ClientIpResolver(List.of(),
				io.github.requesttracking.starter.privacy.ForwardedHeader.X_FORWARDED_FOR, 20,
				new io.github.requesttracking.starter.privacy.IpAnonymizer(24, 48));

		@Bean
		EventSink listSink() {
			return this.events::add;
		}

		@Bean
		UserIdResolver ownUserIdResolver() {
			return this.resolver;
		}

		@Bean
		ClientIpResolver ownClientIpResolver() {
			return this.clientIp;
		}

	}

}

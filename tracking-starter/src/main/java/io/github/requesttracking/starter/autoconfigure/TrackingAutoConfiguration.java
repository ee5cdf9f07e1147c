package io.github.requesttracking.starter.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.requesttracking.event.RequestEventCodec;
import io.github.requesttracking.starter.capture.PrincipalUserIdResolver;
import io.github.requesttracking.starter.capture.RequestExclusions;
import io.github.requesttracking.starter.capture.RequestSampler;
import io.github.requesttracking.starter.capture.SecurityContextUserIdResolver;
import io.github.requesttracking.starter.capture.TextLimits;
import io.github.requesttracking.starter.capture.TrackingFilter;
import io.github.requesttracking.starter.capture.UserIdCaptureFilter;
import io.github.requesttracking.starter.capture.UserIdResolver;
import io.github.requesttracking.starter.delivery.DeliveryHealthIndicator;
import io.github.requesttracking.starter.delivery.DeliveryMeters;
import io.github.requesttracking.starter.delivery.DeliveryStatistics;
import io.github.requesttracking.starter.delivery.EventSink;
import io.github.requesttracking.starter.delivery.PublisherSettings;
import io.github.requesttracking.starter.delivery.RabbitEventPublisher;
import io.github.requesttracking.starter.privacy.CidrBlock;
import io.github.requesttracking.starter.privacy.ClientIpResolver;
import io.github.requesttracking.starter.privacy.IpAnonymizer;
import io.github.requesttracking.starter.privacy.PathMasker;
import io.github.requesttracking.starter.privacy.QueryScrubber;
import io.github.requesttracking.starter.privacy.UrlSanitizer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Tracks every request of a servlet web application: a filter turns each request into an
 * event, privacy rules scrub it, and a background publisher delivers it to RabbitMQ.
 * Switched off with {@code tracking.enabled=false}; every bean backs off when the
 * application defines its own.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class, RequestEventCodec.class,
		com.rabbitmq.client.ConnectionFactory.class })
@ConditionalOnBooleanProperty(name = "tracking.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TrackingProperties.class)
public final class TrackingAutoConfiguration {

	/**
	 * Bean name of the tracking filter's registration.
	 */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "trackingFilterRegistration";

	/**
	 * Bean name of the user id filter's registration.
	 */
	public static final String USER_ID_FILTER_REGISTRATION_BEAN_NAME = "trackingUserIdFilterRegistration";

	@Bean
	@ConditionalOnMissingBean
	DeliveryStatistics trackingDeliveryStatistics() {
		return new DeliveryStatistics();
	}

	@Bean
	@ConditionalOnMissingBean(EventSink.class)
	RabbitEventPublisher trackingEventPublisher(TrackingProperties properties, Environment environment,
			DeliveryStatistics statistics) {
		return new RabbitEventPublisher(publisherSettings(properties, environment), statistics,
				serviceName(properties, environment));
	}

	@Bean
	@ConditionalOnMissingBean
	ClientIpResolver trackingClientIpResolver(TrackingProperties properties) {
		TrackingProperties.ClientIp clientIp = properties.getClientIp();
		List<CidrBlock> trusted = clientIp.getTrustedProxies().stream().map(CidrBlock::parse).toList();
		return new ClientIpResolver(trusted, clientIp.getForwardedHeader(), clientIp.getMaxForwardedHops(),
				new IpAnonymizer(clientIp.getIpv4PrefixLength(), clientIp.getIpv6PrefixLength()));
	}

	@Bean
	@ConditionalOnMissingBean
	QueryScrubber trackingQueryScrubber(TrackingProperties properties) {
		TrackingProperties.Query query = properties.getQuery();
		List<String> sensitiveNames = new ArrayList<>(QueryScrubber.DEFAULT_SENSITIVE_NAMES);
		sensitiveNames.addAll(query.getSensitiveNames());
		QueryScrubber.Limits limits = new QueryScrubber.Limits(query.getMaxParameters(),
				query.getMaxValuesPerParameter(), query.getMaxNameLength(), query.getMaxValueLength(), 4096,
				properties.getPath().getRandomTokenMinLength());
		return new QueryScrubber(query.getMode(), sensitiveNames, query.getSensitiveNameFragments(),
				query.getAllowedNames(), query.isRedactValueShapes(), limits);
	}

	@Bean
	@ConditionalOnMissingBean
	PathMasker trackingPathMasker(TrackingProperties properties) {
		return new PathMasker(properties.getPath().isMaskSecretSegments(),
				properties.getPath().getRandomTokenMinLength());
	}

	@Bean
	@ConditionalOnMissingBean
	UrlSanitizer trackingUrlSanitizer(TrackingProperties properties, PathMasker pathMasker) {
		return new UrlSanitizer(properties.getReferer().getMode(), pathMasker);
	}

	@Bean
	@ConditionalOnMissingBean(UserIdResolver.class)
	PrincipalUserIdResolver trackingUserIdResolver() {
		return new PrincipalUserIdResolver();
	}

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<TrackingFilter> trackingFilterRegistration(TrackingProperties properties,
			Environment environment, ClientIpResolver clientIpResolver, QueryScrubber queryScrubber,
			PathMasker pathMasker, UrlSanitizer urlSanitizer, UserIdResolver userIdResolver, EventSink sink,
			DeliveryStatistics statistics, ObjectProvider<Clock> clock) {
		TrackingFilter.Privacy privacy = new TrackingFilter.Privacy(clientIpResolver, queryScrubber, pathMasker,
				urlSanitizer);
		TrackingFilter filter = new TrackingFilter(serviceName(properties, environment), privacy, userIdResolver,
				new RequestExclusions(exclusions(properties, environment)),
				new RequestSampler(properties.getSampling().getRate(), properties.getSampling().isKeepClientErrors()),
				sink, statistics, textLimits(properties), clock.getIfUnique(Clock::systemUTC));
		FilterRegistrationBean<TrackingFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName(TrackingFilter.FILTER_NAME);
		registration.setOrder(properties.getFilterOrder());
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		registration.setAsyncSupported(true);
		return registration;
	}

	@Bean(USER_ID_FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = USER_ID_FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<UserIdCaptureFilter> trackingUserIdFilterRegistration(TrackingProperties properties,
			UserIdResolver userIdResolver) {
		FilterRegistrationBean<UserIdCaptureFilter> registration = new FilterRegistrationBean<>(
				new UserIdCaptureFilter(userIdResolver));
		registration.setName(UserIdCaptureFilter.FILTER_NAME);
		registration.setOrder(properties.getUserIdFilterOrder());
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		registration.setAsyncSupported(true);
		return registration;
	}

	static PublisherSettings publisherSettings(TrackingProperties properties, Environment environment) {
		TrackingProperties.Rabbitmq rabbitmq = properties.getRabbitmq();
		TrackingProperties.Delivery delivery = properties.getDelivery();
		String host = firstNonNull(rabbitmq.getHost(), environment.getProperty("spring.rabbitmq.host"), "localhost");
		int port = firstNonNull(rabbitmq.getPort(), environment.getProperty("spring.rabbitmq.port", Integer.class),
				5672);
		String username = firstNonNull(rabbitmq.getUsername(), environment.getProperty("spring.rabbitmq.username"),
				"guest");
		String password = firstNonNull(rabbitmq.getPassword(), environment.getProperty("spring.rabbitmq.password"),
				"guest");
		String virtualHost = firstNonNull(rabbitmq.getVirtualHost(),
				environment.getProperty("spring.rabbitmq.virtual-host"), "/");
		return new PublisherSettings(host, port, username, password, virtualHost, properties.getExchange(),
				"tracking-" + serviceName(properties, environment), properties.getBuffer().getCapacity(),
				delivery.getBatchSize(), delivery.getBatchLinger(),
				delivery.getCompression() == TrackingProperties.Compression.GZIP, delivery.getMaxUnconfirmedEvents(),
				delivery.getMaxAttempts(), delivery.getConfirmTimeout(), delivery.getConnectTimeout(),
				delivery.getHeartbeat(), delivery.getReconnectInitialBackoff(), delivery.getReconnectMaxBackoff(),
				delivery.getShutdownTimeout());
	}

	static String serviceName(TrackingProperties properties, Environment environment) {
		String service = properties.getService();
		if (service == null || service.isBlank()) {
			service = environment.getProperty("spring.application.name");
		}
		return (service == null || service.isBlank()) ? "application" : service;
	}

	private static List<String> exclusions(TrackingProperties properties, Environment environment) {
		List<String> patterns = new ArrayList<>(properties.getExclude().getPaths());
		if (properties.getExclude().isActuator()) {
			String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
			if (!basePath.isBlank() && !basePath.equals("/")) {
				String trimmed = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
				patterns.add(trimmed);
				patterns.add(trimmed + "/**");
			}
		}
		return patterns;
	}

	private static TextLimits textLimits(TrackingProperties properties) {
		TrackingProperties.Limits limits = properties.getLimits();
		TextLimits contract = TextLimits.CONTRACT;
		return new TextLimits(Math.min(limits.getPath(), contract.path()), contract.route(),
				Math.min(limits.getUserAgent(), contract.userAgent()),
				Math.min(limits.getReferer(), contract.referer()), contract.origin(),
				Math.min(limits.getUserId(), contract.userId()), contract.service());
	}

	@SafeVarargs
	private static <T> T firstNonNull(T... candidates) {
		for (T candidate : candidates) {
			if (candidate != null) {
				return candidate;
			}
		}
		throw new IllegalStateException("No value and no default");
	}

	/**
	 * Uses the Spring Security principal as the user id when Spring Security is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
	static class SecurityUserIdConfiguration {

		@Bean
		@ConditionalOnMissingBean(UserIdResolver.class)
		SecurityContextUserIdResolver trackingSecurityUserIdResolver() {
			return new SecurityContextUserIdResolver();
		}

	}

	/**
	 * Publishes the delivery counters as Micrometer meters.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DeliveryMeters trackingDeliveryMeters(DeliveryStatistics statistics,
				ObjectProvider<RabbitEventPublisher> publisher) {
			return new DeliveryMeters(statistics, publisher.getIfUnique());
		}

	}

	/**
	 * Reports delivery state through Actuator health, never as DOWN.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "trackingHealthIndicator")
		DeliveryHealthIndicator trackingHealthIndicator(ObjectProvider<RabbitEventPublisher> publisher,
				DeliveryStatistics statistics) {
			return new DeliveryHealthIndicator(publisher.getIfUnique(), statistics);
		}

	}

}

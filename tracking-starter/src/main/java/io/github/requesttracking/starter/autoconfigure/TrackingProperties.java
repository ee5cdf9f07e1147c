package io.github.requesttracking.starter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.requesttracking.starter.capture.TrackingFilter;
import io.github.requesttracking.starter.capture.UserIdCaptureFilter;
import io.github.requesttracking.starter.privacy.ForwardedHeader;
import io.github.requesttracking.starter.privacy.QueryMode;
import io.github.requesttracking.starter.privacy.QueryScrubber;
import io.github.requesttracking.starter.privacy.RefererMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of request tracking.
 */
@ConfigurationProperties("tracking")
public class TrackingProperties {

	/**
	 * Whether requests are tracked.
	 */
	private boolean enabled = true;

	/**
	 * Service name recorded in every event. Defaults to spring.application.name.
	 */
	private @Nullable String service;

	/**
	 * Fanout exchange events are published to; declared durable when missing.
	 */
	private String exchange = "request_tracking";

	/**
	 * Order of the tracking filter. The default runs it before Spring Security so that
	 * rejected requests are tracked too.
	 */
	private int filterOrder = TrackingFilter.DEFAULT_ORDER;

	/**
	 * Order of the filter that records the user id; must run inside the security filter
	 * chain.
	 */
	private int userIdFilterOrder = UserIdCaptureFilter.DEFAULT_ORDER;

	private final Rabbitmq rabbitmq = new Rabbitmq();

	private final ClientIp clientIp = new ClientIp();

	private final Query query = new Query();

	private final Referer referer = new Referer();

	private final Path path = new Path();

	private final Exclude exclude = new Exclude();

	private final Sampling sampling = new Sampling();

	private final Buffer buffer = new Buffer();

	private final Delivery delivery = new Delivery();

	private final Limits limits = new Limits();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getService() {
		return this.service;
	}

	public void setService(@Nullable String service) {
		this.service = service;
	}

	public String getExchange() {
		return this.exchange;
	}

	public void setExchange(String exchange) {
		this.exchange = exchange;
	}

	public int getFilterOrder() {
		return this.filterOrder;
	}

	public void setFilterOrder(int filterOrder) {
		this.filterOrder = filterOrder;
	}

	public int getUserIdFilterOrder() {
		return this.userIdFilterOrder;
	}

	public void setUserIdFilterOrder(int userIdFilterOrder) {
		this.userIdFilterOrder = userIdFilterOrder;
	}

	public Rabbitmq getRabbitmq() {
		return this.rabbitmq;
	}

	public ClientIp getClientIp() {
		return this.clientIp;
	}

	public Query getQuery() {
		return this.query;
	}

	public Referer getReferer() {
		return this.referer;
	}

	public Path getPath() {
		return this.path;
	}

	public Exclude getExclude() {
		return this.exclude;
	}

	public Sampling getSampling() {
		return this.sampling;
	}

	public Buffer getBuffer() {
		return this.buffer;
	}

	public Delivery getDelivery() {
		return this.delivery;
	}

	public Limits getLimits() {
		return this.limits;
	}

	/**
	 * The broker events are published to. Each setting falls back to the matching
	 * spring.rabbitmq property, then to localhost:5672 as guest.
	 */
	public static class Rabbitmq {

		/**
		 * Broker host. Falls back to spring.rabbitmq.host, then localhost.
		 */
		private @Nullable String host;

		/**
		 * Broker AMQP port. Falls back to spring.rabbitmq.port, then 5672.
		 */
		private @Nullable Integer port;

		/**
		 * User name. Falls back to spring.rabbitmq.username, then guest.
		 */
		private @Nullable String username;

		/**
		 * Password. Falls back to spring.rabbitmq.password, then guest.
		 */
		private @Nullable String password;

		/**
		 * Virtual host. Falls back to spring.rabbitmq.virtual-host, then /.
		 */
		private @Nullable String virtualHost;

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getVirtualHost() {
			return this.virtualHost;
		}

		public void setVirtualHost(@Nullable String virtualHost) {
			this.virtualHost = virtualHost;
		}

	}

	/**
	 * How the client address is chosen and anonymized.
	 */
	public static class ClientIp {

		/**
		 * Networks (CIDR, such as 10.0.0.0/8) of proxies whose forwarding header is
		 * believed. Empty: the socket peer is always the client.
		 */
		private List<String> trustedProxies = new ArrayList<>();

		/**
		 * Forwarding header the trusted proxies write. Only this one header is read.
		 */
		private ForwardedHeader forwardedHeader = ForwardedHeader.X_FORWARDED_FOR;

		/**
		 * Most forwarding entries examined; a longer chain falls back to the peer.
		 */
		private int maxForwardedHops = 20;

		/**
		 * Leading bits kept of an IPv4 client address (24 zeroes the last octet; 16 the
		 * last two).
		 */
		private int ipv4PrefixLength = 24;

		/**
		 * Leading bits kept of an IPv6 client address.
		 */
		private int ipv6PrefixLength = 48;

		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
		}

		public ForwardedHeader getForwardedHeader() {
			return this.forwardedHeader;
		}

		public void setForwardedHeader(ForwardedHeader forwardedHeader) {
			this.forwardedHeader = forwardedHeader;
		}

		public int getMaxForwardedHops() {
			return this.maxForwardedHops;
		}

		public void setMaxForwardedHops(int maxForwardedHops) {
			this.maxForwardedHops = maxForwardedHops;
		}

		public int getIpv4PrefixLength() {
			return this.ipv4PrefixLength;
		}

		public void setIpv4PrefixLength(int ipv4PrefixLength) {
			this.ipv4PrefixLength = ipv4PrefixLength;
		}

		public int getIpv6PrefixLength() {
			return this.ipv6PrefixLength;
		}

		public void setIpv6PrefixLength(int ipv6PrefixLength) {
			this.ipv6PrefixLength = ipv6PrefixLength;
		}

	}

	/**
	 * Which query parameters are recorded and which values are redacted.
	 */
	public static class Query {

		/**
		 * Which parameters are recorded: REDACT (all, sensitive values redacted),
		 * ALLOWLIST (only allowed-names) or DROP (none).
		 */
		private QueryMode mode = QueryMode.REDACT;

		/**
		 * Parameter names whose values are redacted, in addition to the built-in list.
		 */
		private List<String> sensitiveNames = new ArrayList<>();

		/**
		 * Name fragments that make a parameter sensitive wherever they appear in its
		 * name; replaces the built-in list.
		 */
		private List<String> sensitiveNameFragments = new ArrayList<>(QueryScrubber.DEFAULT_SENSITIVE_NAME_FRAGMENTS);

		/**
		 * Parameter names recorded in ALLOWLIST mode.
		 */
		private List<String> allowedNames = new ArrayList<>();

		/**
		 * Whether values shaped like credentials (JWTs, Bearer values, API key prefixes,
		 * card numbers, long random tokens) are redacted whatever their name.
		 */
		private boolean redactValueShapes = true;

		/**
		 * Most distinct parameter names recorded per request.
		 */
		private int maxParameters = 32;

		/**
		 * Most values recorded per parameter name.
		 */
		private int maxValuesPerParameter = 8;

		/**
		 * Most characters recorded of a parameter name.
		 */
		private int maxNameLength = 128;

		/**
		 * Most characters recorded of a parameter value.
		 */
		private int maxValueLength = 256;

		public QueryMode getMode() {
			return this.mode;
		}

		public void setMode(QueryMode mode) {
			this.mode = mode;
		}

		public List<String> getSensitiveNames() {
			return this.sensitiveNames;
		}

		public void setSensitiveNames(List<String> sensitiveNames) {
			this.sensitiveNames = sensitiveNames;
		}

		public List<String> getSensitiveNameFragments() {
			return this.sensitiveNameFragments;
		}

		public void setSensitiveNameFragments(List<String> sensitiveNameFragments) {
			this.sensitiveNameFragments = sensitiveNameFragments;
		}

		public List<String> getAllowedNames() {
			return this.allowedNames;
		}

		public void setAllowedNames(List<String> allowedNames) {
			this.allowedNames = allowedNames;
		}

		public boolean isRedactValueShapes() {
			return this.redactValueShapes;
		}

		public void setRedactValueShapes(boolean redactValueShapes) {
			this.redactValueShapes = redactValueShapes;
		}

		public int getMaxParameters() {
			return this.maxParameters;
		}

		public void setMaxParameters(int maxParameters) {
			this.maxParameters = maxParameters;
		}

		public int getMaxValuesPerParameter() {
			return this.maxValuesPerParameter;
		}

		public void setMaxValuesPerParameter(int maxValuesPerParameter) {
			this.maxValuesPerParameter = maxValuesPerParameter;
		}

		public int getMaxNameLength() {
			return this.maxNameLength;
		}

		public void setMaxNameLength(int maxNameLength) {
			this.maxNameLength = maxNameLength;
		}

		public int getMaxValueLength() {
			return this.maxValueLength;
		}

		public void setMaxValueLength(int maxValueLength) {
			this.maxValueLength = maxValueLength;
		}

	}

	/**
	 * How much of the Referer header is recorded.
	 */
	public static class Referer {

		/**
		 * PATH (scheme, host, port and masked path), ORIGIN (scheme, host and port) or
		 * NONE. Query, fragment and user info are never recorded.
		 */
		private RefererMode mode = RefererMode.PATH;

		public RefererMode getMode() {
			return this.mode;
		}

		public void setMode(RefererMode mode) {
			this.mode = mode;
		}

	}

	/**
	 * How request paths are masked.
	 */
	public static class Path {

		/**
		 * Whether path segments that look like secrets (JWTs, API keys, long random
		 * tokens, card numbers) are replaced with REDACTED, in the path and in a
		 * referer's path.
		 */
		private boolean maskSecretSegments = true;

		/**
		 * Length from which a segment or query value made of letters and digits (both
		 * present) counts as a random token.
		 */
		private int randomTokenMinLength = 24;

		public boolean isMaskSecretSegments() {
			return this.maskSecretSegments;
		}

		public void setMaskSecretSegments(boolean maskSecretSegments) {
			this.maskSecretSegments = maskSecretSegments;
		}

		public int getRandomTokenMinLength() {
			return this.randomTokenMinLength;
		}

		public void setRandomTokenMinLength(int randomTokenMinLength) {
			this.randomTokenMinLength = randomTokenMinLength;
		}

	}

	/**
	 * Requests that are never tracked.
	 */
	public static class Exclude {

		/**
		 * Path patterns (Spring syntax, within the application) that are never tracked.
		 */
		private List<String> paths = new ArrayList<>(
				List.of("/health", "/health/**", "/metrics", "/metrics/**", "/ready", "/ready/**"));

		/**
		 * Whether everything under the actuator base path
		 * (management.endpoints.web.base-path, /actuator by default) is excluded.
		 */
		private boolean actuator = true;

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public boolean isActuator() {
			return this.actuator;
		}

		public void setActuator(boolean actuator) {
			this.actuator = actuator;
		}

	}

	/**
	 * Which requests are recorded.
	 */
	public static class Sampling {

		/**
		 * Probability with which a successful request is recorded; every event carries
		 * the rate it was kept with. Server errors are always recorded.
		 */
		private double rate = 1.0;

		/**
		 * Whether client errors (4xx) are always recorded too.
		 */
		private boolean keepClientErrors = false;

		public double getRate() {
			return this.rate;
		}

		public void setRate(double rate) {
			this.rate = rate;
		}

		public boolean isKeepClientErrors() {
			return this.keepClientErrors;
		}

		public void setKeepClientErrors(boolean keepClientErrors) {
			this.keepClientErrors = keepClientErrors;
		}

	}

	/**
	 * The in-memory buffer between requests and the publisher.
	 */
	public static class Buffer {

		/**
		 * Most events waiting to be published; when full, new events are dropped and
		 * counted.
		 */
		private int capacity = 10_000;

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

	}

	/**
	 * How the background publisher talks to the broker.
	 */
	public static class Delivery {

		/**
		 * Most events sent in one message (as a JSON array when more than one).
		 */
		private int batchSize = 2000;

		/**
		 * How long a partial batch waits for more events before it is sent; a full batch
		 * leaves at once.
		 */
		private Duration batchLinger = Duration.ofMillis(100);

		/**
		 * Content encoding of message bodies of at least 1 KiB (a batch of a few events):
		 * gzip, which makes a batch about seven times smaller for the broker to move and
		 * store, or none. Consumers read both.
		 */
		private Compression compression = Compression.GZIP;

		/**
		 * Most events sent and not yet confirmed, including those waiting to be sent
		 * again; beyond it the publisher waits and the buffer absorbs new events.
		 */
		private int maxUnconfirmedEvents = 20_000;

		/**
		 * Most times an event the broker refuses is sent before it is dropped.
		 */
		private int maxAttempts = 5;

		/**
		 * How long a publisher confirm may take before the connection is considered hung,
		 * replaced, and its unconfirmed events sent again.
		 */
		private Duration confirmTimeout = Duration.ofSeconds(10);

		/**
		 * TCP connect and AMQP handshake timeout.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Requested AMQP heartbeat interval; a silent broker is detected after about two
		 * intervals.
		 */
		private Duration heartbeat = Duration.ofSeconds(10);

		/**
		 * First wait after a failed connection attempt; doubled on each failure.
		 */
		private Duration reconnectInitialBackoff = Duration.ofMillis(500);

		/**
		 * Longest wait between connection attempts.
		 */
		private Duration reconnectMaxBackoff = Duration.ofSeconds(30);

		/**
		 * How long the publisher keeps delivering buffered events at shutdown; what is
		 * left is counted as dropped.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(5);

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getBatchLinger() {
			return this.batchLinger;
		}

		public void setBatchLinger(Duration batchLinger) {
			this.batchLinger = batchLinger;
		}

		public Compression getCompression() {
			return this.compression;
		}

		public void setCompression(Compression compression) {
			this.compression = compression;
		}

		public int getMaxUnconfirmedEvents() {
			return this.maxUnconfirmedEvents;
		}

		public void setMaxUnconfirmedEvents(int maxUnconfirmedEvents) {
			this.maxUnconfirmedEvents = maxUnconfirmedEvents;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getConfirmTimeout() {
			return this.confirmTimeout;
		}

		public void setConfirmTimeout(Duration confirmTimeout) {
			this.confirmTimeout = confirmTimeout;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getHeartbeat() {
			return this.heartbeat;
		}

		public void setHeartbeat(Duration heartbeat) {
			this.heartbeat = heartbeat;
		}

		public Duration getReconnectInitialBackoff() {
			return this.reconnectInitialBackoff;
		}

		public void setReconnectInitialBackoff(Duration reconnectInitialBackoff) {
			this.reconnectInitialBackoff = reconnectInitialBackoff;
		}

		public Duration getReconnectMaxBackoff() {
			return this.reconnectMaxBackoff;
		}

		public void setReconnectMaxBackoff(Duration reconnectMaxBackoff) {
			this.reconnectMaxBackoff = reconnectMaxBackoff;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/**
	 * Bounds on the free-text fields of an event.
	 */
	public static class Limits {

		/**
		 * Most characters recorded of the path.
		 */
		private int path = 2048;

		/**
		 * Most characters recorded of the User-Agent header.
		 */
		private int userAgent = 512;

		/**
		 * Most characters recorded of the sanitized Referer header.
		 */
		private int referer = 1024;

		/**
		 * Most characters recorded of the user id.
		 */
		private int userId = 256;

		public int getPath() {
			return this.path;
		}

		public void setPath(int path) {
			this.path = path;
		}

		public int getUserAgent() {
			return this.userAgent;
		}

		public void setUserAgent(int userAgent) {
			this.userAgent = userAgent;
		}

		public int getReferer() {
			return this.referer;
		}

		public void setReferer(int referer) {
			this.referer = referer;
		}

		public int getUserId() {
			return this.userId;
		}

		public void setUserId(int userId) {
			this.userId = userId;
		}

	}

	/**
	 * Content encoding of published message bodies.
	 */
	public enum Compression {

		/**
		 * Bodies of at least 1 KiB are gzip-compressed, content encoding {@code gzip}.
		 */
		GZIP,

		/**
		 * Bodies are sent as plain JSON.
		 */
		NONE

	}

}

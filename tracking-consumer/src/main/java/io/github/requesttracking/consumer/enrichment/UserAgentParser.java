package io.github.requesttracking.consumer.enrichment;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses user agents with Yauaa into browser, operating system and device class, keeping
 * the results of recent user agents in a bounded cache.
 * <p>
 * The analyzer loads its rules on a background thread when the first parser is created;
 * the first parse waits for it. Every parser in the JVM shares that one analyzer, which
 * is thread-safe and serialises its own parsing.
 */
final class UserAgentParser {

	private static final Logger logger = LoggerFactory.getLogger(UserAgentParser.class);

	private static final String AGENT_NAME = "AgentName";

	private static final String AGENT_VERSION_MAJOR = "AgentVersionMajor";

	private static final String AGENT_CLASS = "AgentClass";

	private static final String OPERATING_SYSTEM_NAME = "OperatingSystemName";

	private static final String DEVICE_CLASS = "DeviceClass";

	private static final Set<String> UNKNOWN_VALUES = Set.of("Unknown", "??", "");

	private static final Set<String> BOT_AGENT_CLASSES = Set.of("Robot", "Robot Mobile", "Cloud Application", "Hacker");

	private final CompletableFuture<UserAgentAnalyzer> analyzer;

	private final Cache<String, ParsedUserAgent> cache;

	private final int maxLength;

	UserAgentParser(UserAgentProperties properties) {
		this.maxLength = properties.maxLength();
		this.cache = Caffeine.newBuilder().maximumSize(properties.cacheSize()).build();
		this.analyzer = SharedRules.analyzer();
	}

	private static UserAgentAnalyzer loadAnalyzer() {
		long started = System.nanoTime();
		UserAgentAnalyzer analyzer = UserAgentAnalyzer.newBuilder()
			.withFields(AGENT_NAME, AGENT_VERSION_MAJOR, AGENT_CLASS, OPERATING_SYSTEM_NAME, DEVICE_CLASS)
			.withoutCache()
			.dropTests()
			.hideMatcherLoadStats()
			.immediateInitialization()
			.build();
		logger.info("Loaded user-agent rules in {} ms", (System.nanoTime() - started) / 1_000_000);
		return analyzer;
	}

	/**
	 * Parses a user agent.
	 * @param userAgent the header value, cut to the configured length
	 * @return the parsed parts, {@link ParsedUserAgent#UNKNOWN} for a missing value
	 */
	ParsedUserAgent parse(@Nullable String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return ParsedUserAgent.UNKNOWN;
		}
		String bounded = (userAgent.length() > this.maxLength) ? userAgent.substring(0, this.maxLength) : userAgent;
		return this.cache.get(bounded, this::analyze);
	}

	private ParsedUserAgent analyze(String userAgent) {
		UserAgent parsed = this.analyzer.join().parse(userAgent);
		String deviceClass = value(parsed, DEVICE_CLASS);
		String agentClass = value(parsed, AGENT_CLASS);
		boolean bot = (agentClass != null && BOT_AGENT_CLASSES.contains(agentClass))
				|| (deviceClass != null && (deviceClass.startsWith("Robot") || deviceClass.equals("Hacker")));
		return new ParsedUserAgent(value(parsed, AGENT_NAME), value(parsed, AGENT_VERSION_MAJOR),
				value(parsed, OPERATING_SYSTEM_NAME), bot ? "bot" : deviceClass(deviceClass), bot);
	}

	private static String deviceClass(@Nullable String yauaaClass) {
		if (yauaaClass == null) {
			return "other";
		}
		return switch (yauaaClass.toLowerCase(Locale.ROOT)) {
			case "desktop" -> "desktop";
			case "phone", "mobile", "watch", "handheld game console" -> "mobile";
			case "tablet", "ereader" -> "tablet";
			default -> "other";
		};
	}

	private static @Nullable String value(UserAgent parsed, String field) {
		String value = parsed.getValue(field);
		return (value == null || UNKNOWN_VALUES.contains(value)) ? null : value;
	}

	/**
	 * Waits until the rules are loaded; used by tests and to fail start-up checks early.
	 */
	void awaitRules() {
		this.analyzer.join();
	}

	/**
	 * The one analyzer of the JVM, so that several application contexts (as in tests) do
	 * not each hold their own copy of the rules.
	 */
	private static final class SharedRules {

		// Limitation: the Yauaa rules take about 120 MB of heap and several seconds of
		// CPU to load; events that arrive before they are loaded wait for them, and
		// parsing of user agents missing from the cache is serialised by the analyzer.
		private static final CompletableFuture<UserAgentAnalyzer> analyzer = CompletableFuture
			.supplyAsync(UserAgentParser::loadAnalyzer, (task) -> {
				Thread thread = new Thread(task, "user-agent-rules");
				thread.setDaemon(true);
				thread.start();
			});

		static CompletableFuture<UserAgentAnalyzer> analyzer() {
			return analyzer;
		}

	}

}

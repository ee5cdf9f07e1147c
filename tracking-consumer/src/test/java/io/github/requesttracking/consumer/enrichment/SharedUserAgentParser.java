package io.github.requesttracking.consumer.enrichment;

/**
 * One parser for all tests, since loading the rules takes seconds.
 */
final class SharedUserAgentParser {

	private static final UserAgentParser parser = new UserAgentParser(new UserAgentProperties(true, 512, 100));

	private SharedUserAgentParser() {
	}

	static UserAgentParser get() {
		return parser;
	}

}

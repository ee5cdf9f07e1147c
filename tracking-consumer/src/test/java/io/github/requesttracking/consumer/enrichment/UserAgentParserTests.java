package io.github.requesttracking.consumer.enrichment;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentParserTests {

	private final UserAgentParser parser = SharedUserAgentParser.get();

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 | Chrome  | 124 | Windows NT | desktop | false
					Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0                                         | Firefox | 125 | Linux      | desktop | false
					Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1 | Safari | 17 | iOS | mobile | false
					Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36 | Chrome | 124 | Android | mobile | false
					Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1 | Safari | 16 | iOS | tablet | false
					""")
	void parsesBrowsersIntoFamilyMajorVersionSystemAndDeviceClass(String userAgent, String family, String major,
			String os, String deviceClass, boolean bot) {
		assertThat(this.parser.parse(userAgent)).isEqualTo(new ParsedUserAgent(family, major, os, deviceClass, bot));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | Googlebot
			curl/8.5.0                                                                | Curl
			""")
	void flagsCrawlersAndScriptsAsBots(String userAgent, String family) {
		ParsedUserAgent parsed = this.parser.parse(userAgent);

		assertThat(parsed.browserFamily()).isEqualTo(family);
		assertThat(parsed.deviceClass()).isEqualTo("bot");
		assertThat(parsed.bot()).isTrue();
	}

	@Test
	void leavesEverythingEmptyWithoutAUserAgent() {
		assertThat(this.parser.parse(null)).isEqualTo(ParsedUserAgent.UNKNOWN);
		assertThat(this.parser.parse("  ")).isEqualTo(ParsedUserAgent.UNKNOWN);
	}

	@Test
	void parsesOnlyTheBoundedStartOfAnOverlongUserAgent() {
		String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
				+ "Chrome/124.0.0.0 Safari/537.36 ";
		this.parser.awaitRules();

		long started = System.nanoTime();
		ParsedUserAgent parsed = this.parser.parse(chrome + "x".repeat(1_000_000));
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(took).isLessThan(Duration.ofSeconds(2));
		assertThat(parsed).isSameAs(this.parser.parse(chrome + "x".repeat(2_000_000)));
		assertThat(parsed.browserFamily()).isEqualTo("Chrome");
	}

	@Test
	void returnsTheCachedResultForARepeatedUserAgent() {
		String agent = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0";

		assertThat(this.parser.parse(agent)).isSameAs(this.parser.parse(agent));
	}

}

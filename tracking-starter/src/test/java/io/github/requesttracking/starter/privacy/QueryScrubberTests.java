package io.github.requesttracking.starter.privacy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class QueryScrubberTests {

	private static final QueryScrubber.Limits LIMITS = new QueryScrubber.Limits(32, 8, 128, 256, 4096, 24);

	private final QueryScrubber scrubber = scrubber(QueryMode.REDACT, List.of(), List.of());

	@Test
	void keepsOrdinaryParametersInOrder() {
		assertThat(this.scrubber.scrub("page=2&sort=name&page=3&flag")).containsExactly(
				Map.entry("page", List.of("2", "3")), Map.entry("sort", List.of("name")),
				Map.entry("flag", List.of("")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "password", "PASSWORD", "pwd", "client_secret", "api_key", "access_token", "id_token",
			"code", "state", "jsessionid", "csrf_token", "X-Amz-Signature", "sig", "SAMLResponse", "email", "phone",
			"iban", "cvv", "cardnumber", "otp" })
	void redactsValuesOfSensitiveNames(String name) {
		assertThat(this.scrubber.scrub(name + "=hunter2")).containsExactly(Map.entry(name, List.of("REDACTED")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "user_password", "newPass", "mySecretValue", "resetToken", "oauth_verifier",
			"x-api-key-id", "signature_v2", "session_ref", "aws_credentials" })
	void redactsValuesOfNamesContainingSensitiveFragments(String name) {
		assertThat(this.scrubber.scrub(name + "=value")).containsExactly(Map.entry(name, List.of("REDACTED")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl", "Bearer abc.def",
			"ghp_0123456789abcdefghijABCDEFGHIJ012345", "sk_live_0123456789abcdef", "AKIAIOSFODNN7EXAMPLE",
			"4111 1111 1111 1111", "4111-1111-1111-1111", "5500005555555559", "a8f5f167f44f4964e6c998dee827110c0x9" })
	void redactsValuesShapedLikeCredentialsWhateverTheName(String value) {
		String encoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);

		assertThat(this.scrubber.scrub("q=" + encoded)).containsExactly(Map.entry("q", List.of("REDACTED")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1701234567890", "hello world", "123e4567-e89b-12d3-a456-426614174000", "42",
			"after-failure-1234567890123", "spring-boot-4-0-9-release-notes", "4111111111111112" })
	void keepsValuesThatOnlyResembleCredentials(String value) {
		assertThat(this.scrubber.scrub("q=" + value.replace(" ", "+"))).containsExactly(Map.entry("q", List.of(value)));
	}

	@Test
	void extendsTheSensitiveNamesFromConfiguration() {
		QueryScrubber extended = scrubber(QueryMode.REDACT, List.of("voucher"), List.of());

		assertThat(extended.scrub("voucher=ABC&page=1")).containsExactly(Map.entry("voucher", List.of("REDACTED")),
				Map.entry("page", List.of("1")));
	}

	@Test
	void keepsOnlyAllowedNamesInAllowlistMode() {
		QueryScrubber allowlist = scrubber(QueryMode.ALLOWLIST, List.of(), List.of("utm_source", "token"));

		assertThat(allowlist.scrub("utm_source=news&page=1&token=abc"))
			.containsExactly(Map.entry("utm_source", List.of("news")), Map.entry("token", List.of("REDACTED")));
	}

	@Test
	void recordsNothingInDropMode() {
		assertThat(scrubber(QueryMode.DROP, List.of(), List.of()).scrub("page=1")).isEmpty();
	}

	@Test
	void decodesPercentEscapesAndPlusAsUtf8() {
		assertThat(this.scrubber.scrub("city=S%C3%A3o+Paulo&raw=%zz"))
			.containsExactly(Map.entry("city", List.of("São Paulo")), Map.entry("raw", List.of("%zz")));
	}

	@Test
	void replacesInvalidUtf8AndControlCharacters() {
		Map<String, List<String>> scrubbed = this.scrubber.scrub("bad=%C3%28&ctl=a%00b%0Ac");

		assertThat(scrubbed.get("bad").get(0)).doesNotContain("\u0000").contains("\uFFFD");
		assertThat(scrubbed.get("ctl")).containsExactly("a\uFFFDb\uFFFDc");
	}

	@Test
	void redactsEncodedSensitiveNames() {
		assertThat(this.scrubber.scrub("pass%77ord=x")).containsExactly(Map.entry("password", List.of("REDACTED")));
	}

	@Test
	void boundsNamesValuesAndCounts() {
		QueryScrubber small = new QueryScrubber(QueryMode.REDACT, QueryScrubber.DEFAULT_SENSITIVE_NAMES,
				QueryScrubber.DEFAULT_SENSITIVE_NAME_FRAGMENTS, List.of(), true,
				new QueryScrubber.Limits(2, 2, 4, 5, 4096, 24));

		assertThat(small.scrub("aaaaaa=1234567&b=1&b=2&b=3&c=1")).containsExactly(Map.entry("aaaa", List.of("12345")),
				Map.entry("b", List.of("1", "2")));
	}

	@Test
	void ignoresEmptyPairsAndNames() {
		assertThat(this.scrubber.scrub("&&=x&a=1&")).containsExactly(Map.entry("a", List.of("1")));
		assertThat(this.scrubber.scrub(null)).isEmpty();
	}

	private static QueryScrubber scrubber(QueryMode mode, List<String> extraNames, List<String> allowed) {
		List<String> names = new java.util.ArrayList<>(QueryScrubber.DEFAULT_SENSITIVE_NAMES);
		names.addAll(extraNames);
		return new QueryScrubber(mode, names, QueryScrubber.DEFAULT_SENSITIVE_NAME_FRAGMENTS, allowed, true, LIMITS);
	}

}

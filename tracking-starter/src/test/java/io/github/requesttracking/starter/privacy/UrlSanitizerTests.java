package io.github.requesttracking.starter.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrlSanitizerTests {

	private final PathMasker masker = new PathMasker(true, 24);

	private final UrlSanitizer paths = new UrlSanitizer(RefererMode.PATH, this.masker);

	@ParameterizedTest
	@CsvSource({ "https://shop.example/cart?coupon=X#top, https://shop.example/cart",
			"https://user:pa55@Shop.Example:8443/a/b, https://shop.example:8443/a/b",
			"https://app.example/reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.s?x=1, https://app.example/reset/REDACTED",
			"http://app.example, http://app.example", "https://app.example?q=1, https://app.example",
			"android-app://com.example.app/, android-app://com.example.app/" })
	void keepsSchemeHostAndMaskedPathOnly(String referer, String sanitized) {
		assertThat(this.paths.referer(referer)).isEqualTo(sanitized);
	}

	@Test
	void keepsOnlyTheOriginInOriginMode() {
		UrlSanitizer origins = new UrlSanitizer(RefererMode.ORIGIN, this.masker);

		assertThat(origins.referer("https://u:p@app.example/account/settings?tab=1")).isEqualTo("https://app.example");
	}

	@Test
	void recordsNoRefererInNoneMode() {
		assertThat(new UrlSanitizer(RefererMode.NONE, this.masker).referer("https://app.example/")).isNull();
	}

	@Test
	void dropsValuesThatAreNotAbsoluteUrls() {
		assertThat(this.paths.referer("/relative/path?token=1")).isNull();
		assertThat(this.paths.referer("javascript:alert(1)")).isNull();
		assertThat(this.paths.referer("https://")).isNull();
		assertThat(this.paths.referer("https://user:secret@/x")).isNull();
		assertThat(this.paths.referer(null)).isNull();
	}

	@Test
	void reducesOriginsAndKeepsTheNullOrigin() {
		assertThat(this.paths.origin("https://app.example")).isEqualTo("https://app.example");
		assertThat(this.paths.origin("https://u:p@app.example/path?q")).isEqualTo("https://app.example");
		assertThat(this.paths.origin("null")).isEqualTo("null");
	}

}

package io.github.requesttracking.starter.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathMaskerTests {

	private final PathMasker masker = new PathMasker(true, 24);

	@ParameterizedTest
	@CsvSource({ "/reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig, /reset/REDACTED",
			"/invite/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA/accept, /invite/REDACTED/accept",
			"/keys/sk_live_0123456789abcdef, /keys/REDACTED", "/cards/4111111111111111, /cards/REDACTED",
			"/a;jsessionid=ABC123/b, /a/b", "/docs;v=1, /docs",
			"/tokens/a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6/, /tokens/REDACTED/" })
	void masksSecretLookingSegments(String path, String masked) {
		assertThat(this.masker.mask(path)).isEqualTo(masked);
	}

	@ParameterizedTest
	@CsvSource({ "/api/notes/42, /api/notes/42",
			"/api/users/123e4567-e89b-12d3-a456-426614174000, " + "/api/users/123e4567-e89b-12d3-a456-426614174000",
			"/articles/how-to-configure-spring-boot-starters, /articles/how-to-configure-spring-boot-starters",
			"/releases/spring-boot-4-0-9-release-notes-2026, /releases/spring-boot-4-0-9-release-notes-2026",
			"/orders/order-2026-000000123456789, /orders/order-2026-000000123456789", "/, /" })
	void keepsOrdinarySegments(String path, String masked) {
		assertThat(this.masker.mask(path)).isEqualTo(masked);
	}

	@Test
	void turnsAnEmptyPathIntoTheRoot() {
		assertThat(this.masker.mask("")).isEqualTo("/");
	}

	@Test
	void stillStripsPathParametersWhenMaskingIsOff() {
		PathMasker off = new PathMasker(false, 24);

		assertThat(off.mask("/reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig;jsessionid=1"))
			.isEqualTo("/reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig");
	}

	@Test
	void judgesPercentEncodedSegmentsDecoded() {
		assertThat(this.masker.mask("/t/Bearer%20abcdefgh")).isEqualTo("/t/REDACTED");
	}

}

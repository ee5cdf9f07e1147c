package io.github.requesttracking.starter.capture;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestExclusionsTests {

	private final RequestExclusions exclusions = new RequestExclusions(
			List.of("/health", "/actuator/**", "/internal/*/status", "/files/{name}.tmp", " "));

	@Test
	void matchesExactPathsAndEverythingBelowDoubleWildcards() {
		assertThat(this.exclusions.isExcluded("/health")).isTrue();
		assertThat(this.exclusions.isExcluded("/actuator")).isTrue();
		assertThat(this.exclusions.isExcluded("/actuator/health/liveness")).isTrue();
	}

	@Test
	void matchesSpringPathPatterns() {
		assertThat(this.exclusions.isExcluded("/internal/jobs/status")).isTrue();
		assertThat(this.exclusions.isExcluded("/files/report.tmp")).isTrue();
		assertThat(this.exclusions.isExcluded("/internal/jobs/other")).isFalse();
	}

	@Test
	void doesNotMatchPathsThatOnlyShareAPrefix() {
		assertThat(this.exclusions.isExcluded("/healthy")).isFalse();
		assertThat(this.exclusions.isExcluded("/health/db")).isFalse();
		assertThat(this.exclusions.isExcluded("/actuators")).isFalse();
		assertThat(this.exclusions.isExcluded("/api/health")).isFalse();
	}

}

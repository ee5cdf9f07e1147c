package io.github.requesttracking.starter.capture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RequestSamplerTests {

	@Test
	void keepsEveryRequestAtFullRate() {
		assertThat(new RequestSampler(1.0, false).sampleRate(200)).isEqualTo(1.0);
	}

	@Test
	void keepsAboutTheConfiguredShareAndRecordsTheRate() {
		RequestSampler sampler = new RequestSampler(0.5, false);
		int kept = 0;
		for (int i = 0; i < 4000; i++) {
			double rate = sampler.sampleRate(200);
			if (rate != RequestSampler.SKIP) {
				assertThat(rate).isEqualTo(0.5);
				kept++;
			}
		}

		assertThat(kept).isBetween(1700, 2300);
	}

	@Test
	void alwaysKeepsServerErrorsAndClientErrorsOnlyWhenConfigured() {
		RequestSampler rare = new RequestSampler(1e-9, false);
		RequestSampler keepingClientErrors = new RequestSampler(1e-9, true);

		assertThat(rare.sampleRate(500)).isEqualTo(1.0);
		assertThat(rare.sampleRate(404)).isEqualTo(RequestSampler.SKIP);
		assertThat(keepingClientErrors.sampleRate(404)).isEqualTo(1.0);
	}

	@Test
	void rejectsRatesOutsideTheUnitInterval() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestSampler(0, false)).withMessageContaining("0");
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestSampler(1.5, false))
			.withMessageContaining("1.5");
	}

}

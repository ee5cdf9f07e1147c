package io.github.requesttracking.examples.traffic;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTests {

	@Test
	void stopsHandingOutRequestsAtThePlannedCount() {
		Progress progress = new Progress(3);

		long started = IntStream.range(0, 10).filter((index) -> progress.tryStart()).count();

		assertThat(started).isEqualTo(3);
		assertThat(progress.sent()).isEqualTo(3);
	}

	@Test
	void countsAnswersByStatusClassAndFlagsUnexpectedOnes() {
		Progress progress = new Progress(10);

		progress.record(201, 201, false);
		progress.record(404, 404, false);
		progress.record(500, 500, false);
		progress.record(400, 201, false);
		progress.record(401, 401, true);
		progress.record(ExampleClient.NO_ANSWER, 200, false);

		assertThat(progress.answered()).isEqualTo(5);
		assertThat(progress.noAnswer()).isEqualTo(1);
		assertThat(progress.serverErrors()).isEqualTo(1);
		assertThat(progress.line(Duration.ofSeconds(12)))
			.isEqualTo("[  12s] 0/10 sent  2xx 1  3xx 0  4xx 3  5xx 1  no answer 1  bots 1  unexpected 1");
	}

}

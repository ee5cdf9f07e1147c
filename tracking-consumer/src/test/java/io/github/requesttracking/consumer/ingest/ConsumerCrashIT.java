package io.github.requesttracking.consumer.ingest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.requesttracking.consumer.Events;
import io.github.requesttracking.consumer.TestEnvironment;
import io.github.requesttracking.event.RequestEventCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the packaged consumer hard in the middle of a load and starts it again: every
 * event ends up stored exactly once. Runs the executable jar as a child process, so it
 * runs after packaging.
 */
class ConsumerCrashIT {

	private static final int MESSAGES = 6000;

	private static final TestEnvironment environment = new TestEnvironment("crash", 3);

	private static final RequestEventCodec codec = new RequestEventCodec();

	@AfterAll
	static void close() {
		environment.close();
	}

	@Test
	void storesEveryEventExactlyOnceWhenKilledInTheMiddleOfALoad() throws IOException {
		List<byte[]> bodies = new ArrayList<>(MESSAGES);
		for (int i = 0; i < MESSAGES; i++) {
			bodies.add(codec.encode(Events.event()));
		}
		environment.declareTopology();
		environment.publishAll(bodies);

		Process first = start("first");
		long storedAtKill;
		try {
			await().atMost(Duration.ofSeconds(180)).ignoreExceptions().until(() -> environment.storedEvents() >= 1000);
		}
		finally {
			first.destroyForcibly();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> !first.isAlive());
		storedAtKill = environment.storedEvents();
		Process second = start("second");
		try {
			await().atMost(Duration.ofSeconds(240))
				.until(() -> environment.storedEvents() >= MESSAGES
						&& environment.messageCount(environment.queue()) == 0);
		}
		finally {
			second.destroyForcibly();
		}

		assertThat(storedAtKill).isLessThan(MESSAGES);
		assertThat(environment.storedEvents()).isEqualTo(MESSAGES);
		assertThat(environment.distinctEvents()).isEqualTo(MESSAGES);
		assertThat(environment.messageCount(environment.deadLetterQueue())).isZero();
	}

	private static Process start(String name) throws IOException {
		Path jar = Path.of("target", "tracking-consumer-0.1.0-SNAPSHOT-exec.jar");
		assertThat(jar).as("the executable jar, built by 'package'").exists();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", jar.toString(),
				"--server.port=0", "--tracking.consumer.prefetch=50", "--tracking.consumer.batch-size=50"));
		for (Map.Entry<String, String> property : environment.properties().entrySet()) {
			command.add("--" + property.getKey() + "=" + property.getValue());
		}
		File log = Path.of("target", "crash-it-" + name + ".log").toFile();
		Files.deleteIfExists(log.toPath());
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

}

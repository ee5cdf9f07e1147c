package io.github.requesttracking.consumer.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.requesttracking.consumer.Events;
import io.github.requesttracking.consumer.TestEnvironment;
import io.github.requesttracking.event.RequestEventCodec;
import io.github.requesttracking.testsupport.FaultyProxy;
import io.github.requesttracking.testsupport.PostgresServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database outage in the middle of a load pauses consumption instead of failing
 * messages, and consumption resumes by itself.
 */
@Import(TestEnvironment.CleanUp.class)
@DirtiesContext
@SpringBootTest(properties = { "tracking.consumer.outage.probe-interval=500ms", "tracking.consumer.prefetch=50",
		"tracking.consumer.batch-size=50" })
class DatabaseOutageTests {

	private static final int EVENTS = 6000;

	private static final TestEnvironment environment = new TestEnvironment("outage", 3);

	private static final FaultyProxy proxy = FaultyProxy.start(PostgresServer.get().host(),
			PostgresServer.get().port());

	private static final RequestEventCodec codec = new RequestEventCodec();

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		environment.register(registry);
		registry.add("spring.datasource.url",
				() -> environment.database()
					.jdbcUrl()
					.replace(PostgresServer.get().host() + ":" + PostgresServer.get().port(),
							proxy.host() + ":" + proxy.port()));
	}

	@AfterAll
	static void close() {
		proxy.close();
	}

	@Test
	void pausesWhileTheDatabaseIsDownAndStoresEverythingOnceAfterwards() {
		CircuitBreaker circuit = this.circuitBreakers.circuitBreaker(DatabaseCircuit.NAME);
		CompletableFuture<Void> load = CompletableFuture.runAsync(DatabaseOutageTests::publishLoad);

		await().atMost(Duration.ofSeconds(60)).until(() -> environment.storedEvents() >= 500);
		proxy.cut();
		await().atMost(Duration.ofSeconds(20)).until(() -> circuit.getState() == CircuitBreaker.State.OPEN);
		load.join();
		long storedWhilePaused = environment.storedEvents();
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> circuit.getState() != CircuitBreaker.State.CLOSED
					&& environment.storedEvents() == storedWhilePaused);
		assertThat(storedWhilePaused).isLessThan(EVENTS);
		assertThat(environment.messageCount(environment.deadLetterQueue())).isZero();
		proxy.restore();

		await().atMost(Duration.ofSeconds(90)).until(() -> environment.storedEvents() == EVENTS);
		assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(environment.distinctEvents()).isEqualTo(EVENTS);
		assertThat(environment.messageCount(environment.deadLetterQueue())).isZero();
		assertThat(environment.messageCount(environment.queue() + ".retry.1")).isZero();
	}

	private static void publishLoad() {
		for (int chunk = 0; chunk < 30; chunk++) {
			List<byte[]> bodies = new ArrayList<>();
			for (int i = 0; i < EVENTS / 30; i++) {
				bodies.add(codec.encode(Events.event()));
			}
			environment.publishAll(bodies);
		}
	}

}

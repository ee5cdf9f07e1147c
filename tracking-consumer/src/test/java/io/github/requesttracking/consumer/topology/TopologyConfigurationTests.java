package io.github.requesttracking.consumer.topology;

import java.util.Map;

import io.github.requesttracking.consumer.ingest.ConsumerProperties;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The declared queues and their arguments.
 */
class TopologyConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class, TopologyConfiguration.class);

	@Test
	void declaresAClassicWorkQueueThatDeadLettersToItsOwnExchangeByDefault() {
		this.runner.run((context) -> {
			Declarables declarables = context.getBean(Declarables.class);
			assertThat(queue(declarables, "request_tracking_queue").getArguments())
				.isEqualTo(Map.of("x-dead-letter-exchange", "request_tracking_queue.dead-letter"));
			assertThat(queue(declarables, "request_tracking_queue.dead-letters").getArguments())
				.isEqualTo(Map.of("x-message-ttl", 14L * 24 * 3600 * 1000));
		});
	}

	@Test
	void declaresOneRetryQueuePerAttemptWithExponentialDelays() {
		this.runner
			.withPropertyValues("tracking.consumer.retry.initial-delay=2s", "tracking.consumer.retry.multiplier=4")
			.run((context) -> {
				Declarables declarables = context.getBean(Declarables.class);
				assertThat(queue(declarables, "request_tracking_queue.retry.1").getArguments())
					.containsEntry("x-message-ttl", 2000L)
					.containsEntry("x-dead-letter-exchange", "")
					.containsEntry("x-dead-letter-routing-key", "request_tracking_queue");
				assertThat(queue(declarables, "request_tracking_queue.retry.2").getArguments())
					.containsEntry("x-message-ttl", 8000L);
				assertThat(queue(declarables, "request_tracking_queue.retry.3").getArguments())
					.containsEntry("x-message-ttl", 32000L);
				assertThat(declarables.getDeclarablesByType(Queue.class)).hasSize(5);
			});
	}

	@Test
	void declaresProductionArgumentsWhenConfigured() {
		this.runner
			.withPropertyValues("tracking.consumer.queue-arguments.type=quorum",
					"tracking.consumer.queue-arguments.delivery-limit=20",
					"tracking.consumer.queue-arguments.max-length=1000000",
					"tracking.consumer.queue-arguments.max-length-bytes=512MB",
					"tracking.consumer.dead-letter.time-to-live=3d", "tracking.consumer.dead-letter.max-length=50000")
			.run((context) -> {
				Declarables declarables = context.getBean(Declarables.class);
				assertThat(queue(declarables, "request_tracking_queue").getArguments())
					.containsEntry("x-queue-type", "quorum")
					.containsEntry("x-delivery-limit", 20)
					.containsEntry("x-max-length", 1000000L)
					.containsEntry("x-max-length-bytes", 512L * 1024 * 1024)
					.containsEntry("x-overflow", "reject-publish");
				assertThat(queue(declarables, "request_tracking_queue.dead-letters").getArguments())
					.containsEntry("x-queue-type", "quorum")
					.containsEntry("x-message-ttl", 3L * 24 * 3600 * 1000)
					.containsEntry("x-max-length", 50000L);
			});
	}

	private static Queue queue(Declarables declarables, String name) {
		return declarables.getDeclarablesByType(Queue.class)
			.stream()
			.filter((queue) -> queue.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ConsumerProperties.class)
	static class PropertiesConfiguration {

	}

}

package io.github.requesttracking.bench;

import java.util.Map;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.github.requesttracking.starter.delivery.DeliveryStatistics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A trivial web service for saturated-throughput runs with tracking switched on or off.
 */
@SpringBootApplication
@RestController
public class BenchApplication {

	private final ObjectProvider<DeliveryStatistics> statistics;

	BenchApplication(ObjectProvider<DeliveryStatistics> statistics) {
		this.statistics = statistics;
	}

	/**
	 * Start the service.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(BenchApplication.class, args);
	}

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@GetMapping("/bench/stats")
	Map<String, Long> stats() {
		DeliveryStatistics delivery = this.statistics.getIfAvailable();
		if (delivery == null) {
			return Map.of();
		}
		return Map.of("captured", delivery.capturedCount(), "published", delivery.publishedCount(), "confirmed",
				delivery.confirmedCount(), "dropped", delivery.droppedCount());
	}

	/**
	 * Binds a bounded queue to the tracking exchange so that published events are really
	 * stored by the broker, as they would be with the consumer's queue. The queue keeps
	 * at most 200,000 messages and deletes itself two minutes after the run.
	 * @param environment the environment
	 * @return the runner
	 */
	@Bean
	@ConditionalOnBooleanProperty("bench.bind-queue")
	ApplicationRunner bindBenchQueue(Environment environment) {
		return (args) -> {
			ConnectionFactory factory = new ConnectionFactory();
			factory.setHost(environment.getProperty("tracking.rabbitmq.host", "127.0.0.1"));
			factory.setPort(environment.getProperty("tracking.rabbitmq.port", Integer.class, 5672));
			String exchange = environment.getRequiredProperty("tracking.exchange");
			try (Connection connection = factory.newConnection("bench-setup");
					Channel channel = connection.createChannel()) {
				channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true);
				String queue = exchange + "_queue";
				channel.queueDeclare(queue, true, false, false,
						Map.of("x-max-length", 200_000, "x-expires", 120_000, "x-queue-version", 2));
				channel.queueBind(queue, exchange, "");
			}
		};
	}

}

package io.github.requesttracking.consumer.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.requesttracking.consumer.ingest.ConsumerProperties;
import io.github.requesttracking.consumer.ingest.ConsumerProperties.QueueArguments;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the consumer's exchanges and queues. Spring's {@code RabbitAdmin} declares
 * them whenever a connection opens, so the topology is recreated after a broker restart.
 * Declaring is idempotent as long as the arguments do not change; a queue that exists
 * with other arguments is refused by the broker, and must then be deleted, or its
 * settings kept in broker policies instead.
 */
@Configuration(proxyBeanMethods = false)
class TopologyConfiguration {

	@Bean
	IngestTopology ingestTopology(ConsumerProperties properties) {
		return IngestTopology.of(properties);
	}

	@Bean
	Declarables ingestDeclarables(IngestTopology topology, ConsumerProperties properties) {
		List<Declarable> declarables = new ArrayList<>();
		FanoutExchange exchange = new FanoutExchange(topology.exchange(), true, false);
		Queue queue = new Queue(topology.queue(), true, false, false, workQueueArguments(topology, properties));
		FanoutExchange deadLetterExchange = new FanoutExchange(topology.deadLetterExchange(), true, false);
		Queue deadLetterQueue = new Queue(topology.deadLetterQueue(), true, false, false,
				deadLetterArguments(properties));
		declarables.addAll(List.of(exchange, queue, bind(queue, exchange), deadLetterExchange, deadLetterQueue,
				bind(deadLetterQueue, deadLetterExchange)));
		for (int attempt = 1; attempt <= topology.retryAttempts(); attempt++) {
			declarables.add(new Queue(topology.retryQueue(attempt), true, false, false,
					retryArguments(topology, properties, attempt)));
		}
		return new Declarables(declarables);
	}

	private static Binding bind(Queue queue, FanoutExchange exchange) {
		return BindingBuilder.bind(queue).to(exchange);
	}

	private static Map<String, Object> workQueueArguments(IngestTopology topology, ConsumerProperties properties) {
		// Limitation: the broker refuses to redeclare a queue with other arguments, so
		// changing these settings (or the retry delays) needs the queue deleted while
		// empty, or the settings moved to broker policies.
		QueueArguments settings = properties.queueArguments();
		Map<String, Object> arguments = typeArguments(settings);
		arguments.put("x-dead-letter-exchange", topology.deadLetterExchange());
		if (settings.deliveryLimit() != null) {
			arguments.put("x-delivery-limit", settings.deliveryLimit());
		}
		if (settings.maxLength() != null) {
			arguments.put("x-max-length", settings.maxLength());
		}
		if (settings.maxLengthBytes() != null) {
			arguments.put("x-max-length-bytes", settings.maxLengthBytes().toBytes());
		}
		if (settings.maxLength() != null || settings.maxLengthBytes() != null) {
			arguments.put("x-overflow", settings.overflow());
		}
		return arguments;
	}

	private static Map<String, Object> deadLetterArguments(ConsumerProperties properties) {
		Map<String, Object> arguments = typeArguments(properties.queueArguments());
		arguments.put("x-message-ttl", properties.deadLetter().timeToLive().toMillis());
		if (properties.deadLetter().maxLength() != null) {
			arguments.put("x-max-length", properties.deadLetter().maxLength());
		}
		return arguments;
	}

	private static Map<String, Object> retryArguments(IngestTopology topology, ConsumerProperties properties,
			int attempt) {
		Map<String, Object> arguments = typeArguments(properties.queueArguments());
		arguments.put("x-message-ttl", properties.retry().delay(attempt).toMillis());
		arguments.put("x-dead-letter-exchange", "");
		arguments.put("x-dead-letter-routing-key", topology.queue());
		return arguments;
	}

	private static Map<String, Object> typeArguments(QueueArguments settings) {
		Map<String, Object> arguments = new HashMap<>();
		if (!"classic".equals(settings.type())) {
			arguments.put("x-queue-type", settings.type());
		}
		return arguments;
	}

}

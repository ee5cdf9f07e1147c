package io.github.requesttracking.consumer.pipeline;

import io.github.requesttracking.consumer.pipeline.PipelineReport.DeadLetterQueue;
import io.github.requesttracking.consumer.pipeline.PipelineReport.Queue;
import io.github.requesttracking.consumer.topology.IngestTopology;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;

/**
 * Reads the current depth of the work and dead-letter queues from the broker. When the
 * broker does not answer, the figures are {@code null} rather than an error.
 */
class BrokerQueues {

	private static final Logger logger = LoggerFactory.getLogger(BrokerQueues.class);

	private final AmqpAdmin admin;

	private final IngestTopology topology;

	BrokerQueues(AmqpAdmin admin, IngestTopology topology) {
		this.admin = admin;
		this.topology = topology;
	}

	Queue workQueue() {
		QueueInformation information = information(this.topology.queue());
		return (information != null)
				? new Queue(information.getName(), (long) information.getMessageCount(), information.getConsumerCount())
				: new Queue(this.topology.queue(), null, null);
	}

	DeadLetterQueue deadLetterQueue() {
		QueueInformation information = information(this.topology.deadLetterQueue());
		return new DeadLetterQueue(this.topology.deadLetterQueue(),
				(information != null) ? (long) information.getMessageCount() : null);
	}

	// Limitation: while the broker is unreachable, each call waits for the connection
	// attempt to fail (the spring.rabbitmq connection timeout) before answering null.
	private @Nullable QueueInformation information(String queue) {
		try {
			return this.admin.getQueueInfo(queue);
		}
		catch (AmqpException ex) {
			logger.debug("Could not read queue '{}' from the broker", queue, ex);
			return null;
		}
	}

}

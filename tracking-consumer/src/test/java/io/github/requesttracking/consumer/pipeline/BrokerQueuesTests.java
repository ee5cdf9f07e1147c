package io.github.requesttracking.consumer.pipeline;

import io.github.requesttracking.consumer.pipeline.PipelineReport.DeadLetterQueue;
import io.github.requesttracking.consumer.pipeline.PipelineReport.Queue;
import io.github.requesttracking.consumer.topology.IngestTopology;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queue depths when the broker cannot be reached.
 */
class BrokerQueuesTests {

	@Test
	void answersNullFiguresWhenTheBrokerDoesNotAnswer() {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory("127.0.0.1", 1);
		connectionFactory.setConnectionTimeout(1000);
		IngestTopology topology = new IngestTopology("events", "work", "work.dead-letter", "work.dead-letters", 0);
		try {
			BrokerQueues queues = new BrokerQueues(new RabbitAdmin(connectionFactory), topology);

			assertThat(queues.workQueue()).isEqualTo(new Queue("work", null, null));
			assertThat(queues.deadLetterQueue()).isEqualTo(new DeadLetterQueue("work.dead-letters", null));
		}
		finally {
			connectionFactory.destroy();
		}
	}

}

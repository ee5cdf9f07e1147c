package io.github.requesttracking.consumer.deadletter;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.github.requesttracking.consumer.topology.IngestTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves dead letters back into the work queue after the cause was fixed. Each message is
 * published to the work queue, confirmed by the broker, and only then removed from the
 * dead-letter queue, so a failure halfway loses nothing. The failure headers are removed
 * so that a replayed message gets all its retries again;
 * {@link DeadLetterHeaders#REPLAYS} counts the replays.
 */
@Component
public class DeadLetterReplayer {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterReplayer.class);

	private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

	private final RabbitTemplate rabbitTemplate;

	private final IngestTopology topology;

	DeadLetterReplayer(RabbitTemplate rabbitTemplate, IngestTopology topology) {
		this.rabbitTemplate = rabbitTemplate;
		this.topology = topology;
	}

	/**
	 * Return how many dead letters wait.
	 * @return the number of ready messages in the dead-letter queue
	 */
	public long count() {
		Long count = this.rabbitTemplate.execute((channel) -> channel.messageCount(this.topology.deadLetterQueue()));
		return (count != null) ? count : 0;
	}

	/**
	 * Replay up to {@code limit} dead letters, oldest first. Messages that fail again
	 * while the replay runs are not replayed twice, because at most the number of dead
	 * letters waiting at the start is moved.
	 * @param limit the most messages to move
	 * @return how many messages were moved
	 */
	public int replay(int limit) {
		Integer replayed = this.rabbitTemplate.execute((channel) -> replay(channel, limit));
		int count = (replayed != null) ? replayed : 0;
		logger.info("Replayed {} dead letters from '{}' into '{}'", count, this.topology.deadLetterQueue(),
				this.topology.queue());
		return count;
	}

	private int replay(Channel channel, int limit) throws IOException {
		// Limitation: every dead letter is replayed, whatever its reason; poison messages
		// come straight back, so purge those with the broker's tools before replaying.
		long waiting = channel.messageCount(this.topology.deadLetterQueue());
		int toMove = (int) Math.min(limit, waiting);
		channel.confirmSelect();
		int moved = 0;
		while (moved < toMove) {
			GetResponse response = channel.basicGet(this.topology.deadLetterQueue(), false);
			if (response == null) {
				break;
			}
			channel.basicPublish("", this.topology.queue(), replayProperties(response.getProps()), response.getBody());
			waitForConfirm(channel);
			channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
			moved++;
		}
		return moved;
	}

	private static void waitForConfirm(Channel channel) throws IOException {
		try {
			channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AmqpIOException(new IOException("Interrupted while waiting for a confirm", ex));
		}
		catch (TimeoutException ex) {
			throw new AmqpIOException(new IOException("The broker did not confirm a replayed message", ex));
		}
	}

	private static AMQP.BasicProperties replayProperties(AMQP.BasicProperties original) {
		Map<String, Object> headers = new HashMap<>();
		if (original.getHeaders() != null) {
			original.getHeaders().forEach((name, value) -> {
				if (!name.startsWith("x-")) {
					headers.put(name, value);
				}
			});
			Object replays = original.getHeaders().get(DeadLetterHeaders.REPLAYS);
			headers.put(DeadLetterHeaders.REPLAYS, ((replays instanceof Number number) ? number.intValue() : 0) + 1);
		}
		else {
			headers.put(DeadLetterHeaders.REPLAYS, 1);
		}
		return original.builder().headers(headers).deliveryMode(2).build();
	}

}

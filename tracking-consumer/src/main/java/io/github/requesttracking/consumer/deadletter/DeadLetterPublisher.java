package io.github.requesttracking.consumer.deadletter;

import java.time.Clock;
import java.time.Instant;

import io.github.requesttracking.consumer.topology.IngestTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Publishes failed messages to a retry queue or to the dead-letter queue, with headers
 * that say why, and waits for the broker's confirm so that the original can be
 * acknowledged safely afterwards.
 */
@Component
public class DeadLetterPublisher {

	private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

	private final RabbitTemplate rabbitTemplate;

	private final IngestTopology topology;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private final Counter retried;

	DeadLetterPublisher(RabbitTemplate rabbitTemplate, IngestTopology topology, ObjectProvider<Clock> clock,
			MeterRegistry meterRegistry) {
		this.rabbitTemplate = rabbitTemplate;
		this.topology = topology;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.meterRegistry = meterRegistry;
		this.retried = Counter.builder("tracking.consumer.messages.retried")
			.description("Messages sent to a retry queue after a failure that may pass")
			.register(meterRegistry);
	}

	/**
	 * Publish a message, or one event of it, to the dead-letter queue.
	 * @param original the message as consumed
	 * @param body the body to dead-letter: the whole message or the one bad event
	 * @param reason why it cannot be stored
	 * @param detail what exactly was wrong
	 * @param failure the exception, or {@code null} for a validation failure
	 * @param events how many events the dead letter holds, for the meter
	 */
	public void deadLetter(Message original, byte[] body, DeadLetterReason reason, String detail,
			@Nullable Throwable failure, int events) {
		MessageProperties properties = failedProperties(original, detail, failure);
		properties.setHeader(DeadLetterHeaders.REASON, reason.value());
		publish(this.topology.deadLetterExchange(), "", new Message(body, properties));
		Counter.builder("tracking.consumer.events.dead.lettered")
			.description("Events sent to the dead-letter queue, by reason")
			.tag("reason", reason.value())
			.register(this.meterRegistry)
			.increment(events);
	}

	/**
	 * Publish a message whose storing failed to the retry queue of its next attempt, or
	 * to the dead-letter queue once every retry is used up.
	 * @param original the message as consumed
	 * @param body the body to retry: the whole message or the one event that failed
	 * @param detail what exactly failed
	 * @param failure why storing failed
	 * @param events how many events the body holds
	 */
	public void retryOrDeadLetter(Message original, byte[] body, String detail, Throwable failure, int events) {
		int attempts = attempts(original) + 1;
		if (attempts > this.topology.retryAttempts()) {
			deadLetter(original, body, DeadLetterReason.RETRIES_EXHAUSTED, detail, failure, events);
			return;
		}
		MessageProperties properties = failedProperties(original, detail, failure);
		publish("", this.topology.retryQueue(attempts), new Message(body, properties));
		this.retried.increment();
	}

	private MessageProperties failedProperties(Message original, String detail, @Nullable Throwable failure) {
		MessageProperties source = original.getMessageProperties();
		MessageProperties properties = new MessageProperties();
		properties.setContentType(source.getContentType());
		properties.setContentEncoding(source.getContentEncoding());
		properties.setMessageId(source.getMessageId());
		properties.setTimestamp(source.getTimestamp());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		source.getHeaders().forEach((name, value) -> {
			if (!name.equals("x-death") && !name.startsWith("x-first-death") && !name.startsWith("x-last-death")) {
				properties.setHeader(name, value);
			}
		});
		String now = Instant.now(this.clock).toString();
		Object firstFailure = source.getHeaders().get(DeadLetterHeaders.FIRST_FAILURE);
		properties.setHeader(DeadLetterHeaders.FIRST_FAILURE, (firstFailure != null) ? firstFailure.toString() : now);
		properties.setHeader(DeadLetterHeaders.LAST_FAILURE, now);
		properties.setHeader(DeadLetterHeaders.ATTEMPTS, attempts(original) + 1);
		properties.setHeader(DeadLetterHeaders.ORIGINAL_QUEUE, this.topology.queue());
		properties.setHeader(DeadLetterHeaders.EXCEPTION, (failure != null) ? failure.getClass().getName() : "none");
		properties.setHeader(DeadLetterHeaders.EXCEPTION_MESSAGE, abbreviate(detail));
		return properties;
	}

	private void publish(String exchange, String routingKey, Message message) {
		// Limitation: the original is acknowledged after this confirm, so a crash in
		// between dead-letters or retries the message twice; storing stays exactly-once.
		this.rabbitTemplate.invoke((operations) -> {
			operations.send(exchange, routingKey, message);
			operations.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
			return null;
		});
	}

	static int attempts(Message message) {
		Object attempts = message.getMessageProperties().getHeaders().get(DeadLetterHeaders.ATTEMPTS);
		return (attempts instanceof Number number) ? number.intValue() : 0;
	}

	private static String abbreviate(String text) {
		return (text.length() <= 1000) ? text : text.substring(0, 1000) + "...";
	}

}

package io.github.requesttracking.starter.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.github.requesttracking.event.BodyEncoding;
import io.github.requesttracking.event.DecodedEvent;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.event.RequestEventCodec;
import io.github.requesttracking.testsupport.RabbitServer;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A queue of the test's own, bound to the tracking exchange, from which tests read back
 * what the starter published.
 */
public final class EventQueue implements AutoCloseable {

	private final RequestEventCodec codec = new RequestEventCodec();

	private final Connection connection;

	private final Channel channel;

	private final String queue;

	private final List<Message> messages = new ArrayList<>();

	/**
	 * Declare the exchange (as the starter would) and bind a new queue to it.
	 * @param exchange the tracking exchange
	 * @param queue the queue name
	 */
	public EventQueue(String exchange, String queue) {
		try {
			this.connection = RabbitServer.get().connect();
			this.channel = this.connection.createChannel();
			this.channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true);
			this.channel.queueDeclare(queue, false, false, false, null);
			this.channel.queueBind(queue, exchange, "");
			this.queue = queue;
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Could not bind a test queue to '" + exchange + "'", ex);
		}
	}

	/**
	 * Wait until an event matching the condition arrives.
	 * @param condition what the event must satisfy
	 * @return the first matching event
	 */
	public RequestEvent awaitEvent(Predicate<RequestEvent> condition) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			readAvailable();
			return events().stream().filter(condition).findFirst().orElse(null);
		}, (event) -> event != null);
	}

	/**
	 * Wait until an event for the given path arrives.
	 * @param path the recorded path
	 * @return the event
	 */
	public RequestEvent awaitPath(String path) {
		return awaitEvent((event) -> event.path().equals(path));
	}

	/**
	 * Read every message available now.
	 * @return this queue
	 */
	public synchronized EventQueue readAvailable() {
		try {
			GetResponse response;
			while ((response = this.channel.basicGet(this.queue, true)) != null) {
				Map<String, Object> headers = response.getProps().getHeaders();
				this.messages.add(new Message(response.getBody(), response.getProps().getMessageId(),
						response.getProps().getContentType(), response.getProps().getContentEncoding(),
						response.getProps().getDeliveryMode(), (headers != null) ? Map.copyOf(headers) : Map.of()));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read from '" + this.queue + "'", ex);
		}
		return this;
	}

	/**
	 * Return every event read so far.
	 * @return the events
	 */
	public synchronized List<RequestEvent> events() {
		List<RequestEvent> events = new ArrayList<>();
		for (Message message : this.messages) {
			for (DecodedEvent decoded : this.codec.decode(message.json())) {
				events.add(decoded.event());
			}
		}
		return events;
	}

	/**
	 * Return every message read so far.
	 * @return the messages
	 */
	public synchronized List<Message> messages() {
		return List.copyOf(this.messages);
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One message as read from the queue.
	 *
	 * @param body the body as sent
	 * @param messageId the AMQP message id
	 * @param contentType the content type
	 * @param contentEncoding the content encoding, {@code null} when there is none
	 * @param deliveryMode 2 for persistent
	 * @param headers the AMQP headers, empty when there are none
	 */
	public record Message(byte[] body, String messageId, String contentType, @Nullable String contentEncoding,
			Integer deliveryMode, Map<String, Object> headers) {

		/**
		 * Return the JSON of the body, decompressed when it was sent compressed.
		 * @return the JSON bytes
		 */
		public byte[] json() {
			return BodyEncoding.decode(this.body, this.contentEncoding, 64 * 1024 * 1024);
		}

		/**
		 * Return the JSON of the body as text.
		 * @return the UTF-8 JSON
		 */
		public String text() {
			return new String(json(), StandardCharsets.UTF_8);
		}

	}

}

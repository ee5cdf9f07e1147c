package io.github.requesttracking.consumer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.event.RequestEventCodec;
import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.RabbitNames;
import io.github.requesttracking.testsupport.RabbitServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An isolated database and broker names for one test class, with helpers to publish
 * events and read what the consumer stored or dead-lettered.
 */
public final class TestEnvironment implements AutoCloseable {

	private static final RequestEventCodec codec = new RequestEventCodec();

	private final TestDatabase database;

	private final RabbitNames names;

	private final String exchange;

	private final String queue;

	private final int retryAttempts;

	private final com.rabbitmq.client.Connection connection;

	private static final Map<String, TestEnvironment> environments = new ConcurrentHashMap<>();

	/**
	 * Create a database and names.
	 * @param purpose a short word for the names
	 * @param retryAttempts how many times the consumer retries a failed message, and so
	 * how many retry queues it declares and this environment deletes
	 */
	public TestEnvironment(String purpose, int retryAttempts) {
		this.database = PostgresServer.get().createDatabase(purpose);
		this.names = RabbitServer.get().names(purpose);
		this.exchange = this.names.exchange("events");
		this.queue = this.names.queue("work");
		this.retryAttempts = retryAttempts;
		this.names.queue("work.dead-letters");
		this.names.exchange("work.dead-letter");
		for (int attempt = 1; attempt <= retryAttempts; attempt++) {
			this.names.queue("work.retry." + attempt);
		}
		try {
			this.connection = RabbitServer.get().connect();
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
		environments.put(this.queue, this);
	}

	/**
	 * Return the consumer settings that point at this environment.
	 * @return property names and values
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		RabbitServer rabbit = RabbitServer.get();
		properties.put("spring.datasource.url", this.database.jdbcUrl());
		properties.put("spring.datasource.username", this.database.username());
		properties.put("spring.datasource.password", this.database.password());
		properties.put("spring.rabbitmq.host", rabbit.host());
		properties.put("spring.rabbitmq.port", String.valueOf(rabbit.port()));
		properties.put("spring.rabbitmq.username", rabbit.username());
		properties.put("spring.rabbitmq.password", rabbit.password());
		properties.put("tracking.consumer.exchange", this.exchange);
		properties.put("tracking.consumer.queue", this.queue);
		properties.put("tracking.consumer.retry.attempts", String.valueOf(this.retryAttempts));
		return properties;
	}

	/**
	 * Register the consumer settings with a Spring test context.
	 * @param registry the registry
	 */
	public void register(DynamicPropertyRegistry registry) {
		properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	public TestDatabase database() {
		return this.database;
	}

	public String queue() {
		return this.queue;
	}

	public String deadLetterQueue() {
		return this.queue + ".dead-letters";
	}

	/**
	 * Publish one event per message to the exchange.
	 * @param events the events
	 */
	public void publish(List<RequestEvent> events) {
		for (RequestEvent event : events) {
			publishRaw(codec.encode(event));
		}
	}

	/**
	 * Publish a raw body to the exchange as a persistent JSON message, with confirms.
	 * @param body the body
	 */
	public void publishRaw(byte[] body) {
		send(new AMQP.BasicProperties.Builder().contentType("application/json")
			.deliveryMode(2)
			.messageId(UUID.randomUUID().toString())
			.build(), body);
	}

	/**
	 * Publish a body with a content encoding to the exchange as a persistent JSON
	 * message, with confirms.
	 * @param body the encoded body
	 * @param contentEncoding its content encoding
	 */
	public void publishEncoded(byte[] body, String contentEncoding) {
		send(new AMQP.BasicProperties.Builder().contentType("application/json")
			.contentEncoding(contentEncoding)
			.deliveryMode(2)
			.build(), body);
	}

	/**
	 * Publish a raw body to the exchange as a persistent JSON message with headers, with
	 * confirms.
	 * @param body the body
	 * @param headers the AMQP headers
	 */
	public void publishRaw(byte[] body, Map<String, Object> headers) {
		send(new AMQP.BasicProperties.Builder().contentType("application/json")
			.deliveryMode(2)
			.headers(headers)
			.build(), body);
	}

	private synchronized void send(AMQP.BasicProperties properties, byte[] body) {
		try (Channel channel = this.connection.createChannel()) {
			channel.confirmSelect();
			channel.basicPublish(this.exchange, "", properties, body);
			channel.waitForConfirmsOrDie(10_000);
		}
		catch (IOException | TimeoutException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Publish bodies with one channel and one confirm wait at the end, for load.
	 * @param bodies the bodies
	 */
	public synchronized void publishAll(List<byte[]> bodies) {
		try (Channel channel = this.connection.createChannel()) {
			channel.confirmSelect();
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
				.deliveryMode(2)
				.build();
			for (byte[] body : bodies) {
				channel.basicPublish(this.exchange, "", properties, body);
			}
			channel.waitForConfirmsOrDie(60_000);
		}
		catch (IOException | TimeoutException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Declare the exchange and the work queue as the consumer does with its default
	 * settings, so that events can be published before the consumer runs.
	 */
	public void declareTopology() {
		try (Channel channel = this.connection.createChannel()) {
			channel.exchangeDeclare(this.exchange, "fanout", true);
			channel.queueDeclare(this.queue, true, false, false,
					Map.of("x-dead-letter-exchange", this.queue + ".dead-letter"));
			channel.queueBind(this.queue, this.exchange, "");
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Put a message taken from a queue back into a queue, with its properties.
	 * @param queue the queue
	 * @param message the message
	 */
	public synchronized void publishRawToQueue(String queue, GetResponse message) {
		try (Channel channel = this.connection.createChannel()) {
			channel.confirmSelect();
			channel.basicPublish("", queue, message.getProps(), message.getBody());
			channel.waitForConfirmsOrDie(10_000);
		}
		catch (IOException | TimeoutException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return how many messages wait in a queue.
	 * @param queue the queue
	 * @return the count, ready messages only
	 */
	public long messageCount(String queue) {
		try (Channel channel = this.connection.createChannel()) {
			return channel.messageCount(queue);
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Take one message from a queue.
	 * @param queue the queue
	 * @return the message, or {@code null} when the queue is empty
	 */
	public @Nullable GetResponse take(String queue) {
		try (Channel channel = this.connection.createChannel()) {
			return channel.basicGet(queue, true);
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Run a query that returns one number.
	 * @param sql the query
	 * @return the number
	 */
	public long count(String sql) {
		try (Connection connection = this.database.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return how many rows {@code request_events} holds.
	 * @return the count
	 */
	public long storedEvents() {
		return count("select count(*) from request_events");
	}

	/**
	 * Return how many distinct event ids {@code request_events} holds.
	 * @return the count
	 */
	public long distinctEvents() {
		return count("select count(distinct event_id) from request_events");
	}

	@Override
	public void close() {
		environments.remove(this.queue, this);
		closeResources();
	}

	private void closeResources() {
		try {
			this.connection.close();
		}
		catch (IOException ex) {
			// The broker connection of a finished test has nothing left to deliver.
		}
		this.names.close();
		this.database.close();
	}

	/**
	 * Closes the environment of a test application when that application closes, after
	 * its listener containers have stopped, so that they cannot declare the deleted
	 * queues again. A test class imports it and marks itself {@code @DirtiesContext}, so
	 * that its application closes when the class is done.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class CleanUp {

		@Bean
		DisposableBean testEnvironmentCleanUp(Environment properties) {
			String queue = properties.getProperty("tracking.consumer.queue");
			return () -> {
				TestEnvironment environment = (queue != null) ? environments.remove(queue) : null;
				if (environment != null) {
					environment.closeResources();
				}
			};
		}

	}

}

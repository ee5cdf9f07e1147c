package io.github.requesttracking.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * Unique exchange and queue names for one test. Every name handed out is deleted from the
 * broker on {@link #close()}, whoever declared it.
 */
public final class RabbitNames implements AutoCloseable {

	private final RabbitServer server;

	private final String prefix;

	private final List<String> exchanges = new ArrayList<>();

	private final List<String> queues = new ArrayList<>();

	RabbitNames(RabbitServer server, String purpose) {
		this.server = server;
		this.prefix = "rt-test-" + purpose.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT) + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Return a unique exchange name, deleted on close.
	 * @param role what the exchange is for, such as {@code events} or {@code dead-letter}
	 * @return the name
	 */
	public synchronized String exchange(String role) {
		String name = this.prefix + "-" + role;
		this.exchanges.add(name);
		return name;
	}

	/**
	 * Return a unique queue name, deleted on close.
	 * @param role what the queue is for
	 * @return the name
	 */
	public synchronized String queue(String role) {
		String name = this.prefix + "-" + role;
		this.queues.add(name);
		return name;
	}

	/**
	 * Return the prefix every name starts with.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	@Override
	public synchronized void close() {
		try (Connection connection = this.server.connect()) {
			for (String queue : this.queues) {
				try (Channel channel = connection.createChannel()) {
					channel.queueDelete(queue);
				}
			}
			for (String exchange : this.exchanges) {
				try (Channel channel = connection.createChannel()) {
					channel.exchangeDelete(exchange);
				}
			}
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Could not delete the test names starting with '" + this.prefix + "'", ex);
		}
	}

}

package io.github.requesttracking.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Deletes the exchange and queue a throughput run created.
 */
public final class BenchCleanup {

	private BenchCleanup() {
	}

	/**
	 * Delete the bench exchange and its queue.
	 * @param args the exchange name, then optionally host and port
	 * @throws Exception if the broker cannot be reached
	 */
	public static void main(String[] args) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost((args.length > 1) ? args[1] : "127.0.0.1");
		factory.setPort((args.length > 2) ? Integer.parseInt(args[2]) : 5672);
		try (Connection connection = factory.newConnection("bench-cleanup");
				Channel channel = connection.createChannel()) {
			channel.queueDelete(args[0] + "_queue");
			channel.exchangeDelete(args[0]);
		}
	}

}

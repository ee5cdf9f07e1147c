package io.github.requesttracking.testsupport;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.jspecify.annotations.Nullable;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The RabbitMQ broker the tests run against: the local one when it answers (by default
 * {@code 127.0.0.1:5672} as {@code guest}; override with
 * {@code TRACKING_TEST_RABBIT_HOST}, {@code TRACKING_TEST_RABBIT_PORT},
 * {@code TRACKING_TEST_RABBIT_USER}, {@code TRACKING_TEST_RABBIT_PASSWORD}), otherwise a
 * Testcontainers container when Docker is available. Tests isolate themselves with
 * {@link #names(String)}.
 */
public final class RabbitServer {

	private static @Nullable RabbitServer instance;

	private final String host;

	private final int port;

	private final String username;

	private final String password;

	private RabbitServer(String host, int port, String username, String password) {
		this.host = host;
		this.port = port;
		this.username = username;
		this.password = password;
	}

	/**
	 * Return the broker, connecting on first use.
	 * @return the broker
	 * @throws IllegalStateException naming what to start when no broker can be reached
	 */
	public static synchronized RabbitServer get() {
		if (instance == null) {
			instance = locate();
		}
		return instance;
	}

	private static RabbitServer locate() {
		String host = Env.get("TRACKING_TEST_RABBIT_HOST", "127.0.0.1");
		int port = Integer.parseInt(Env.get("TRACKING_TEST_RABBIT_PORT", "5672"));
		RabbitServer local = new RabbitServer(host, port, Env.get("TRACKING_TEST_RABBIT_USER", "guest"),
				Env.get("TRACKING_TEST_RABBIT_PASSWORD", "guest"));
		Exception localFailure;
		try (Connection connection = local.connect()) {
			return local;
		}
		catch (IOException | TimeoutException ex) {
			localFailure = ex;
		}
		if (Env.dockerAvailable()) {
			RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.13-management-alpine");
			container.start();
			return new RabbitServer(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
					container.getAdminPassword());
		}
		throw new IllegalStateException("RabbitMQ is not reachable at " + host + ":" + port + " ("
				+ localFailure.getMessage() + ") and Docker is not available for Testcontainers. Start RabbitMQ "
				+ "with 'rabbitmq-server -detached' (or set TRACKING_TEST_RABBIT_HOST/PORT/USER/PASSWORD), or "
				+ "start a Docker engine.", localFailure);
	}

	/**
	 * Open a new connection to the broker.
	 * @return the connection, to be closed by the caller
	 * @throws IOException if the connection fails
	 * @throws TimeoutException if the connection times out
	 */
	public Connection connect() throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(this.host);
		factory.setPort(this.port);
		factory.setUsername(this.username);
		factory.setPassword(this.password);
		factory.setConnectionTimeout(3000);
		factory.setAutomaticRecoveryEnabled(false);
		return factory.newConnection("tracking-test-support");
	}

	/**
	 * Return a set of unique names for one test; every exchange and queue created under
	 * them is deleted when the returned object is closed.
	 * @param purpose a short word that appears in the names
	 * @return the names
	 */
	public RabbitNames names(String purpose) {
		return new RabbitNames(this, purpose);
	}

	/**
	 * Return the broker host.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Return the broker AMQP port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the user name tests connect with.
	 * @return the user name
	 */
	public String username() {
		return this.username;
	}

	/**
	 * Return the password tests connect with.
	 * @return the password
	 */
	public String password() {
		return this.password;
	}

}

package io.github.requesttracking.bench.consumer;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.event.BodyEncoding;
import io.github.requesttracking.event.RequestEventCodec;

/**
 * Preloads a fresh queue with events, starts the packaged consumer against it and a fresh
 * database, and reports how many events per second it stores while draining the queue.
 * Usage: {@code ConsumerBench <consumer-exec-jar> <events> <events-per-message>
 * [consumer arguments...]}, for example
 * {@code --tracking.consumer.store=jdbc --tracking.consumer.prefetch=250}.
 */
public final class ConsumerBench {

	private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

	private ConsumerBench() {
	}

	/**
	 * Run one measurement.
	 * @param args the consumer jar, the number of events, events per message, then
	 * consumer arguments
	 * @throws Exception on any failure
	 */
	public static void main(String[] args) throws Exception {
		String jar = args[0];
		int events = Integer.parseInt(args[1]);
		int perMessage = Integer.parseInt(args[2]);
		List<String> consumerArguments = List.of(args).subList(3, args.length);
		String id = UUID.randomUUID().toString().substring(0, 8);
		String database = "rt_bench_" + id;
		String queue = "rt-bench-" + id + "-work";
		String exchange = "rt-bench-" + id + "-events";
		execute("postgres", "create database " + database);
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		try (com.rabbitmq.client.Connection connection = factory.newConnection("consumer-bench")) {
			try {
				declare(connection, exchange, queue);
				preload(connection, exchange, events, perMessage);
				measure(jar, database, exchange, queue, events, perMessage, consumerArguments);
			}
			finally {
				cleanUp(connection, queue, exchange);
				execute("postgres", "drop database if exists " + database + " with (force)");
			}
		}
	}

	private static void declare(com.rabbitmq.client.Connection connection, String exchange, String queue)
			throws IOException, TimeoutException {
		try (Channel channel = connection.createChannel()) {
			channel.exchangeDeclare(exchange, "fanout", true);
			channel.queueDeclare(queue, true, false, false, Map.of("x-dead-letter-exchange", queue + ".dead-letter"));
			channel.queueBind(queue, exchange, "");
		}
	}

	private static void preload(com.rabbitmq.client.Connection connection, String exchange, int events, int perMessage)
			throws Exception {
		RequestEventCodec codec = new RequestEventCodec();
		AMQP.BasicProperties plain = new AMQP.BasicProperties.Builder().contentType("application/json")
			.deliveryMode(2)
			.build();
		// As the starter does by default: bodies of 1 KiB or more gzip-compressed.
		boolean compress = Boolean.parseBoolean(System.getProperty("bench.compress", "true"));
		AMQP.BasicProperties compressed = plain.builder().contentEncoding(BodyEncoding.GZIP).build();
		long bytes = 0;
		try (Channel channel = connection.createChannel()) {
			channel.confirmSelect();
			for (int sent = 0; sent < events; sent += perMessage) {
				List<RequestEvent> batch = new ArrayList<>(perMessage);
				for (int i = 0; i < Math.min(perMessage, events - sent); i++) {
					batch.add(event(sent + i));
				}
				byte[] body = (perMessage == 1) ? codec.encode(batch.get(0)) : codec.encode(batch);
				AMQP.BasicProperties properties = plain;
				if (compress && body.length >= 1024) {
					body = BodyEncoding.gzip(body);
					properties = compressed;
				}
				bytes += body.length;
				channel.basicPublish(exchange, "", properties, body);
				if ((sent / perMessage) % 1000 == 999) {
					channel.waitForConfirmsOrDie(60_000);
				}
			}
			channel.waitForConfirmsOrDie(60_000);
		}
		System.out.printf(Locale.ROOT, "preloaded %d events in %d messages, average body %d bytes%n", events,
				(events + perMessage - 1) / perMessage, bytes / ((events + perMessage - 1) / perMessage));
	}

	private static RequestEvent event(int index) {
		return new RequestEvent(1, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), "bench", "GET",
				"/api/notes/" + index, "/api/notes/{id}", Map.of("page", List.of("2")), "81.2.69.0",
				"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
				"https://example.org/notes", null, "user-" + (index % 100), 200, 12.5, 1.0);
	}

	private static void measure(String jar, String database, String exchange, String queue, int events, int perMessage,
			List<String> consumerArguments) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
			.build();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar,
				"--server.port=" + port, "--spring.datasource.url=" + POSTGRES + database,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--tracking.consumer.exchange=" + exchange, "--tracking.consumer.queue=" + queue,
				"--tracking.consumer.geoip.database=" + System.getProperty("bench.geoip", "data/GeoLite2-City.mmdb")));
		String jvmOptions = System.getProperty("bench.jvm-options", "");
		if (!jvmOptions.isBlank()) {
			command.addAll(1, List.of(jvmOptions.trim().split("\\s+")));
		}
		command.addAll(consumerArguments);
		File log = new File("target/consumer-" + database + ".log");
		Process consumer = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		try {
			// The first fifth stored is the consumer's warm-up (class loading,
			// JIT compilation): the sustained rate is measured over the rest.
			long warmUp = events / 5;
			long start = 0;
			long storedAtStart = 0;
			long sustainedStart = 0;
			long storedAtSustainedStart = 0;
			long stored = 0;
			while (stored < events) {
				if (!consumer.isAlive()) {
					throw new IllegalStateException("The consumer exited, see " + log);
				}
				Thread.sleep(100);
				stored = stored(http, metrics);
				long now = System.nanoTime();
				if (start == 0 && stored > 0) {
					start = now;
					storedAtStart = stored;
				}
				if (sustainedStart == 0 && stored >= warmUp) {
					sustainedStart = now;
					storedAtSustainedStart = stored;
				}
			}
			long end = System.nanoTime();
			long rows = count(database);
			if (rows != events) {
				throw new IllegalStateException("The consumer reported " + stored + " events stored, the table holds "
						+ rows + ", " + events + " were sent");
			}
			double seconds = (end - start) / 1e9;
			double rate = (events - storedAtStart) / seconds;
			double sustainedRate = (events - storedAtSustainedStart) / ((end - sustainedStart) / 1e9);
			System.out.printf(Locale.ROOT,
					"RESULT events=%d per-message=%d args=%s stored %d events in %.2f s: %.0f events/s; "
							+ "sustained (after the first %d): %.0f events/s%n",
					events, perMessage, consumerArguments, events - storedAtStart, seconds, rate, warmUp,
					sustainedRate);
		}
		finally {
			// A graceful stop first, so that a flight recording asked for in
			// bench.jvm-options is written.
			consumer.destroy();
			if (!consumer.waitFor(30, TimeUnit.SECONDS)) {
				consumer.destroyForcibly().waitFor();
			}
		}
	}

	/**
	 * Events the consumer has stored, from its own counter: polling {@code count(*)}
	 * would scan the growing table ten times a second on the cores being measured.
	 */
	private static long stored(HttpClient http, HttpRequest metrics) throws InterruptedException {
		String body;
		try {
			body = http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			// Not listening yet.
			return 0;
		}
		for (String line : body.split("\n")) {
			if (line.startsWith("tracking_consumer_events_stored_total")) {
				return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return 0;
	}

	private static long count(String database) {
		try (Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select count(*) from request_events")) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			// The table does not exist until the consumer has migrated the database.
			return 0;
		}
	}

	private static void cleanUp(com.rabbitmq.client.Connection connection, String queue, String exchange)
			throws IOException, TimeoutException {
		try (Channel channel = connection.createChannel()) {
			for (String name : List.of(queue, queue + ".dead-letters", queue + ".retry.1", queue + ".retry.2",
					queue + ".retry.3")) {
				channel.queueDelete(name);
			}
			channel.exchangeDelete(exchange);
			channel.exchangeDelete(queue + ".dead-letter");
		}
	}

	private static void execute(String database, String sql) throws SQLException {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(POSTGRES + database + "?user=postgres");
	}

}

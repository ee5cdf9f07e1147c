package io.github.requesttracking.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * One service started from its runnable jar as a separate JVM, its output captured in a
 * log file for debugging.
 */
final class ServiceProcess implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(6);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private ServiceProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/**
	 * Start a service.
	 * @param name the service name, used for the log file
	 * @param jar the runnable jar
	 * @param logDirectory where the log file goes
	 * @param environment extra environment variables
	 * @param properties Spring properties passed as command line arguments
	 * @return the running process
	 */
	static ServiceProcess start(String name, Path jar, Path logDirectory, Map<String, String> environment,
			Map<String, String> properties) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No runnable jar " + jar + " for " + name
					+ "; build the module first (the reactor copies it in pre-integration-test)");
		}
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Files.createDirectories(logDirectory);
			Path log = logDirectory.resolve(name + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			// Also when the test JVM is stopped before the tests can clean up.
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + name));
			return new ServiceProcess(name, port, log, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + " from " + jar, ex);
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port", ex);
		}
	}

	/**
	 * Wait until the service reports itself ready (its readiness probe, which leaves out
	 * optional parts such as the GeoIP database), failing early when it exits.
	 * @param http the client to poll with
	 */
	void awaitHealthy(HttpClient http) {
		Awaitility.await(this.name + " ready on port " + this.port)
			.atMost(STARTUP_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
							+ " while starting; its log ends with:\n" + logTail());
				}
				HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(5))
					.build();
				return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			});
	}

	/**
	 * Return the service's base address.
	 * @return the address, on the loopback interface
	 */
	URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Return the last lines of the service's log.
	 * @return up to 60 lines
	 */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(log " + this.log + " unreadable: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Stop the process: politely first, so that it flushes what it holds, then forcibly.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return this.name + " on port " + this.port + " (log " + this.log + ")";
	}

}

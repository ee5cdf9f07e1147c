package io.github.requesttracking.starter.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The test application running on a random port, with the properties a test chooses, and
 * an HTTP client to call it.
 */
public final class TrackedApplication implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final int port;

	private TrackedApplication(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1"));
	}

	/**
	 * Start the application.
	 * @param properties properties on top of the defaults
	 * @return the running application
	 */
	public static TrackedApplication start(Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("spring.application.name", "starter-test");
		all.put("logging.level.io.github.requesttracking", "INFO");
		all.putAll(properties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TrackedTestApplication.class)
			.properties(all)
			.run();
		return new TrackedApplication(context);
	}

	/**
	 * Return the application context.
	 * @return the context
	 */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * Return the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Send a request.
	 * @param method the HTTP method
	 * @param pathAndQuery the path with an optional query string
	 * @param headers header names and values
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String pathAndQuery, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery))
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request " + method + " " + pathAndQuery + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Send a GET request.
	 * @param pathAndQuery the path with an optional query string
	 * @param headers header names and values
	 * @return the response
	 */
	public HttpResponse<String> get(String pathAndQuery, String... headers) {
		return send("GET", pathAndQuery, headers);
	}

	@Override
	public void close() {
		this.context.close();
	}

}

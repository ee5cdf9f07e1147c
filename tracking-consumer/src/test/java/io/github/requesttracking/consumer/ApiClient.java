package io.github.requesttracking.consumer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the consumer's API in tests, with HTTP basic credentials.
 */
public final class ApiClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final int port;

	/**
	 * Create a client for a consumer listening on localhost.
	 * @param port the port
	 */
	public ApiClient(int port) {
		this.port = port;
	}

	/**
	 * Send a request.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param username the user, or {@code null} to send no credentials
	 * @param password the password
	 * @return the response
	 */
	public Response send(String method, String path, @Nullable String username, String password) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (username != null) {
			String credentials = username + ":" + password;
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP response.
	 *
	 * @param status the status code
	 * @param contentType the content type, empty when absent
	 * @param body the body
	 */
	public record Response(int status, String contentType, String body) {

		/**
		 * Parse the body as JSON.
		 * @return the JSON tree
		 */
		public JsonNode json() {
			return json.readTree(this.body);
		}

	}

}

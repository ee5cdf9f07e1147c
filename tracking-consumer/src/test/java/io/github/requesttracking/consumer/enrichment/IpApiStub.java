package io.github.requesttracking.consumer.enrichment;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for ip-api.com on 127.0.0.1: answers with a configurable body, status and
 * quota headers, records the paths it was asked for, and can hang to simulate a timeout.
 */
final class IpApiStub implements AutoCloseable {

	private final HttpServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private volatile String body = "{\"status\":\"success\",\"countryCode\":\"DE\",\"country\":\"Germany\","
			+ "\"city\":\"Berlin\",\"lat\":52.5244,\"lon\":13.4105}";

	private volatile int status = 200;

	private volatile Map<String, String> headers = Map.of("X-Rl", "44", "X-Ttl", "60");

	private volatile boolean hang;

	IpApiStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/json/", this::answer);
		this.server.start();
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.requests.add(exchange.getRequestURI().getRawPath());
		if (this.hang) {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
		this.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(this.status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/json/");
	}

	List<String> requests() {
		return this.requests;
	}

	void answer(int status, String body, Map<String, String> headers) {
		this.status = status;
		this.body = body;
		this.headers = headers;
	}

	void hang() {
		this.hang = true;
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
	}

}

package io.github.requesttracking.deployment;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell code that runs inside the containers behaves as the compose file expects: the
 * health-check script tells a healthy application from an unhealthy one, and the GeoIP
 * update step is skipped cleanly without a MaxMind account.
 */
class ContainerScriptsTests {

	private HttpServer server;

	@BeforeEach
	void startApplication() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		respond("/actuator/health", 200, "{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
		respond("/actuator/health/readiness", 503, "{\"status\":\"OUT_OF_SERVICE\"}");
		respond("/actuator/health/down", 200, "{\"status\":\"DOWN\"}");
		this.server.start();
	}

	@AfterEach
	void stopApplication() {
		this.server.stop(0);
	}

	private void respond(String path, int status, String body) {
		this.server.createContext(path, (exchange) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream stream = exchange.getResponseBody()) {
				stream.write(bytes);
			}
		});
	}

	@Test
	void healthCheckPassesWhenTheApplicationAnswersUp() throws Exception {
		assertThat(healthCheck("/actuator/health").exitCode()).isZero();
	}

	@Test
	void healthCheckFailsWhenTheApplicationIsNotReadyOrDown() throws Exception {
		Result notReady = healthCheck("/actuator/health/readiness");

		assertThat(notReady.exitCode()).isNotZero();
		assertThat(notReady.output()).contains("503");
		assertThat(healthCheck("/actuator/health/down").exitCode()).isNotZero();
	}

	@Test
	void healthCheckFailsWhenNothingListens() throws Exception {
		int port = this.server.getAddress().getPort();
		this.server.stop(0);

		assertThat(run(List.of(Repository.file("docker/http-health").toString(), String.valueOf(port)), Map.of())
			.exitCode()).isNotZero();
	}

	@Test
	void geoIpUpdateIsSkippedWithoutAMaxMindAccount() throws Exception {
		List<String> entryPoint = geoIpUpdateEntryPoint();

		Result result = run(entryPoint, Map.of("GEOIPUPDATE_ACCOUNT_ID", "", "GEOIPUPDATE_LICENSE_KEY", ""));

		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("geoipupdate skipped");
	}

	@Test
	void geoIpUpdateRunsTheImageEntryPointWithAnAccount() throws Exception {
		List<String> entryPoint = geoIpUpdateEntryPoint();

		Result result = run(entryPoint, Map.of("GEOIPUPDATE_ACCOUNT_ID", "123", "GEOIPUPDATE_LICENSE_KEY", "key"));

		assertThat(result.output()).doesNotContain("skipped").contains("/usr/bin/entry.sh");
	}

	@SuppressWarnings("unchecked")
	private List<String> geoIpUpdateEntryPoint() {
		Object entryPoint = ComposeFile.load().service("geoipupdate").get("entrypoint");
		assertThat(entryPoint).isInstanceOf(List.class);
		return (List<String>) entryPoint;
	}

	private Result healthCheck(String path) throws Exception {
		return run(List.of(Repository.file("docker/http-health").toString(),
				String.valueOf(this.server.getAddress().getPort()), path), Map.of());
	}

	private static Result run(List<String> command, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		boolean finished = process.waitFor(20, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly();
		}
		assertThat(finished).as("%s finished in time", command).isTrue();
		return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes()));
	}

	/**
	 * The outcome of a command.
	 *
	 * @param exitCode the exit code
	 * @param output standard output and error together
	 */
	record Result(int exitCode, String output) {

	}

}

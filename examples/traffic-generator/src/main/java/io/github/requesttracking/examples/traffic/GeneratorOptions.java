package io.github.requesttracking.examples.traffic;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/**
 * What the generator is asked to do, parsed from {@code --name=value} or
 * {@code --name value} arguments and checked against hard bounds: the generator is a
 * demonstration tool, so it only talks to services on the loopback interface and always
 * stops.
 *
 * @param usersUrl base URL of user-management
 * @param notesUrl base URL of note-management
 * @param requests how many requests to send at most
 * @param duration how long to run at most
 * @param rate requests per second across all workers
 * @param workers concurrent simulated sessions
 * @param botShare share of requests sent by crawlers, between 0 and 1
 * @param seed seed of the random choices, so that a run can be repeated
 * @param jdbcUrl PostgreSQL database to read the summary from
 * @param databaseUser database user
 * @param databasePassword database password, empty for none
 * @param settleTime how long to wait for the events to be stored before the summary
 * @param summary whether to print the summary from the database
 */
record GeneratorOptions(URI usersUrl, URI notesUrl, int requests, Duration duration, int rate, int workers,
		double botShare, long seed, String jdbcUrl, String databaseUser, String databasePassword, Duration settleTime,
		boolean summary) {

	static final int MAX_REQUESTS = 20_000;

	static final Duration MAX_DURATION = Duration.ofMinutes(10);

	static final int MAX_RATE = 200;

	static final int MAX_WORKERS = 16;

	static final String USAGE = """
			Usage: java -jar traffic-generator-exec.jar [options]
			  --users-url=URL         user-management base URL   (default http://127.0.0.1:8081)
			  --notes-url=URL         note-management base URL   (default http://127.0.0.1:8082)
			  --requests=N            requests to send, at most %d  (default 600)
			  --duration=SECONDS      stop after this many seconds, at most %d  (default 120)
			  --rate=N                requests per second, at most %d  (default 20)
			  --workers=N             concurrent sessions, at most %d  (default 4)
			  --bot-share=FRACTION    share of crawler requests  (default 0.15)
			  --seed=N                random seed  (default: random)
			  --jdbc-url=URL          database for the summary  (default jdbc:postgresql://127.0.0.1:5432/request_tracking)
			  --db-user=NAME          database user  (default postgres; env TRAFFIC_DB_USER)
			  --settle=SECONDS        wait for events to be stored  (default 30)
			  --no-summary            do not read the summary from the database
			The database password is read from the environment variable TRAFFIC_DB_PASSWORD or PGPASSWORD.
			Only loopback addresses are accepted for the example services.
			"""
		.formatted(MAX_REQUESTS, MAX_DURATION.toSeconds(), MAX_RATE, MAX_WORKERS);

	GeneratorOptions {
		requireLoopback("--users-url", usersUrl);
		requireLoopback("--notes-url", notesUrl);
		requireWithin("--requests", requests, 1, MAX_REQUESTS);
		requireWithin("--duration", duration.toSeconds(), 1, MAX_DURATION.toSeconds());
		requireWithin("--rate", rate, 1, MAX_RATE);
		requireWithin("--workers", workers, 1, MAX_WORKERS);
		if (!(botShare >= 0 && botShare <= 1)) {
			throw new IllegalArgumentException("--bot-share must be between 0 and 1, not " + botShare);
		}
		requireWithin("--settle", settleTime.toSeconds(), 0, 300);
	}

	/**
	 * Parse command-line arguments.
	 * @param args the arguments
	 * @param environment the process environment, for the database credentials
	 * @return the options
	 * @throws IllegalArgumentException when an argument is unknown, malformed or out of
	 * bounds
	 */
	static GeneratorOptions parse(String[] args, Map<String, String> environment) {
		Arguments arguments = Arguments.of(args);
		String password = environment.getOrDefault("TRAFFIC_DB_PASSWORD", environment.getOrDefault("PGPASSWORD", ""));
		GeneratorOptions options = new GeneratorOptions(arguments.uri("users-url", "http://127.0.0.1:8081"),
				arguments.uri("notes-url", "http://127.0.0.1:8082"), arguments.integer("requests", 600),
				Duration.ofSeconds(arguments.integer("duration", 120)), arguments.integer("rate", 20),
				arguments.integer("workers", 4), arguments.decimal("bot-share", 0.15),
				arguments.longInteger("seed", System.nanoTime()),
				arguments.text("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/request_tracking"),
				arguments.text("db-user", environment.getOrDefault("TRAFFIC_DB_USER", "postgres")), password,
				Duration.ofSeconds(arguments.integer("settle", 30)), !arguments.flag("no-summary"));
		arguments.requireAllUsed();
		return options;
	}

	private static void requireWithin(String name, long value, long min, long max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
		}
	}

	private static void requireLoopback(String name, URI url) {
		String host = url.getHost();
		if (host == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
			throw new IllegalArgumentException(name + " must be an http URL, not '" + url + "'");
		}
		if (!isLoopbackLiteral(host)) {
			throw new IllegalArgumentException(
					name + " must point at this machine (localhost, 127.0.0.0/8 or [::1]), not '" + host + "'");
		}
	}

	private static boolean isLoopbackLiteral(String host) {
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
			return false;
		}
		try {
			// A literal address: no name lookup happens.
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}

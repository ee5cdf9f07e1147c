package io.github.requesttracking.examples.traffic;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Command-line entry point: drives realistic traffic through the running example
 * services, showing progress, then prints what the tracking pipeline stored. Run it with
 * {@code --help} for the options.
 */
public final class TrafficGenerator {

	private TrafficGenerator() {
	}

	/**
	 * Run the generator.
	 * @param args the options, see {@link GeneratorOptions#USAGE}
	 */
	public static void main(String[] args) {
		if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
			System.out.print(GeneratorOptions.USAGE);
			return;
		}
		GeneratorOptions options;
		try {
			options = GeneratorOptions.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(GeneratorOptions.USAGE);
			System.exit(2);
			return;
		}
		System.exit(run(options));
	}

	private static int run(GeneratorOptions options) {
		System.out.printf("Sending up to %d requests over at most %ds (%d/s, %d workers, %.0f%% bots, seed %d)%n",
				options.requests(), options.duration().toSeconds(), options.rate(), options.workers(),
				options.botShare() * 100, options.seed());
		System.out.printf("  user-management %s, note-management %s%n", options.usersUrl(), options.notesUrl());
		Instant started = Instant.now().minusSeconds(1);
		TrafficRun run = new TrafficRun(options);
		Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "traffic-stop"));
		try {
			Duration elapsed = run.run(System.out::println);
			Progress progress = run.progress();
			System.out.printf("Done: %d requests answered in %ds%n", progress.answered(), elapsed.toSeconds());
			if (progress.answered() == 0) {
				System.err
					.println("No example service answered: start them first (see the README), or check the URLs.");
				return 1;
			}
			if (options.summary()) {
				System.out.println();
				System.out.print(
						new AnalyticsQueries(options).read(started, progress.answered(), System.out::println).render());
			}
			return 0;
		}
		catch (SQLException ex) {
			System.err.println("Could not read the summary from " + options.jdbcUrl() + ": " + ex.getMessage()
					+ " (set --jdbc-url, --db-user and TRAFFIC_DB_PASSWORD, or pass --no-summary)");
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 130;
		}
	}

}

package io.github.requesttracking.examples.traffic;

import java.util.List;
import java.util.Locale;

/**
 * What the tracking pipeline stored for a run, ready to print.
 *
 * @param requests stored events
 * @param clientErrors events with a 4xx status
 * @param serverErrors events with a 5xx status
 * @param bots events whose user agent was recognised as a bot
 * @param routes the busiest routes
 * @param countries the countries most requests came from
 */
record Summary(long requests, long clientErrors, long serverErrors, long bots, List<RouteLatency> routes,
		List<CountryCount> countries) {

	Summary {
		routes = List.copyOf(routes);
		countries = List.copyOf(countries);
	}

	/**
	 * Return the share of server errors.
	 * @return between 0 and 1, 0 when nothing was stored
	 */
	double serverErrorRate() {
		return (this.requests > 0) ? (double) this.serverErrors / this.requests : 0;
	}

	String render() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "Stored events   %d%n", this.requests));
		text.append(String.format(Locale.ROOT, "Error rate      %s server (5xx), %s client (4xx)%n",
				percent(serverErrorRate()),
				percent((this.requests > 0) ? (double) this.clientErrors / this.requests : 0)));
		text.append(String.format(Locale.ROOT, "Bots            %s%n",
				percent((this.requests > 0) ? (double) this.bots / this.requests : 0)));
		text.append(String.format(Locale.ROOT,
				"%nBusiest routes                                   requests   p95 ms  5xx%n"));
		for (RouteLatency route : this.routes) {
			text.append(String.format(Locale.ROOT, "  %-46s %9d %8.1f %4d%n",
					abbreviate(route.service() + " " + route.method() + " " + route.route(), 46), route.requests(),
					route.p95Millis(), route.serverErrors()));
		}
		text.append(String.format(Locale.ROOT, "%nTop countries%n"));
		for (CountryCount country : this.countries) {
			text.append(String.format(Locale.ROOT, "  %-8s %6d  %s%n", country.countryCode(), country.requests(),
					percent((this.requests > 0) ? (double) country.requests() / this.requests : 0)));
		}
		return text.toString();
	}

	static String percent(double share) {
		return String.format(Locale.ROOT, "%.1f%%", share * 100);
	}

	static String abbreviate(String text, int width) {
		return (text.length() <= width) ? text : text.substring(0, width - 1) + "…";
	}

	/**
	 * Latency of one route.
	 *
	 * @param service the service
	 * @param method the HTTP method
	 * @param route the route template
	 * @param requests stored events
	 * @param p95Millis the 95th percentile of the duration
	 * @param serverErrors events with a 5xx status
	 */
	record RouteLatency(String service, String method, String route, long requests, double p95Millis,
			long serverErrors) {

	}

	/**
	 * Requests from one country.
	 *
	 * @param countryCode ISO code, or {@code unknown} when the event has no location
	 * @param requests stored events
	 */
	record CountryCount(String countryCode, long requests) {

	}

}

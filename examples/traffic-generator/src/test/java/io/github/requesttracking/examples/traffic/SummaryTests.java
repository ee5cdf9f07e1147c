package io.github.requesttracking.examples.traffic;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTests {

	@Test
	void rendersRatesRoutesAndCountries() {
		Summary summary = new Summary(200, 30, 4, 20,
				List.of(new Summary.RouteLatency("note-management", "GET", "/api/notes/{id}", 80, 12.34, 0),
						new Summary.RouteLatency("note-management", "POST", "/api/notes", 40, 25.5, 4)),
				List.of(new Summary.CountryCount("US", 70), new Summary.CountryCount("unknown", 10)));

		String text = summary.render();

		assertThat(summary.serverErrorRate()).isEqualTo(0.02);
		assertThat(text).contains("Stored events   200")
			.contains("Error rate      2.0% server (5xx), 15.0% client (4xx)")
			.contains("Bots            10.0%")
			.containsPattern("note-management GET /api/notes/\\{id\\}\\s+80\\s+12\\.3\\s+0")
			.containsPattern("note-management POST /api/notes\\s+40\\s+25\\.5\\s+4")
			.containsPattern("US\\s+70\\s+35\\.0%");
	}

	@Test
	void emptyRunHasZeroRatesRatherThanDividingByZero() {
		Summary summary = new Summary(0, 0, 0, 0, List.of(), List.of());

		assertThat(summary.serverErrorRate()).isZero();
		assertThat(summary.render()).contains("Error rate      0.0% server (5xx), 0.0% client (4xx)");
	}

	@Test
	void abbreviatesLongRouteLabels() {
		assertThat(Summary.abbreviate("x".repeat(60), 10)).hasSize(10).endsWith("…");
		assertThat(Summary.abbreviate("short", 10)).isEqualTo("short");
	}

}

package io.github.requesttracking.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GrafanaMacrosTests {

	private final GrafanaMacros macros = new GrafanaMacros(Instant.parse("2026-01-05T10:00:00Z"),
			Instant.parse("2026-01-05T12:30:00.500Z"), Duration.ofMinutes(5),
			Map.of("service", "'shop'", "route", "NULL"));

	@Test
	void expandsTheTimeRangeMacrosToQuotedUtcTimestamps() {
		assertThat(this.macros.expand("WHERE $__timeFilter(e.occurred_at) AND x >= $__timeFrom() AND y < $__timeTo()"))
			.isEqualTo("WHERE e.occurred_at BETWEEN '2026-01-05T10:00:00Z' AND '2026-01-05T12:30:00.500Z' "
					+ "AND x >= '2026-01-05T10:00:00Z' AND y < '2026-01-05T12:30:00.500Z'");
	}

	@Test
	void groupsTimeByTheIntervalInSecondsAfterReplacingTheIntervalVariable() {
		assertThat(this.macros.expand("SELECT $__timeGroupAlias(r.bucket_start, $__interval), "
				+ "$__timeGroup(r.bucket_start, '1h'), $__interval_ms"))
			.isEqualTo("SELECT floor(extract(epoch from r.bucket_start)/300)*300 AS \"time\", "
					+ "floor(extract(epoch from r.bucket_start)/3600)*3600, 300000");
	}

	@Test
	void replacesVariablesWithTheTextGrafanaInserts() {
		assertThat(this.macros.expand("tracking_status_codes(a, b, $service, ${route})"))
			.isEqualTo("tracking_status_codes(a, b, 'shop', NULL)");
	}

	@Test
	void quotesSelectedValuesAsStringLiterals() {
		assertThat(GrafanaMacros.quoteLiteral("/users/{id}")).isEqualTo("'/users/{id}'");
		assertThat(GrafanaMacros.quoteLiteral("o'clock")).isEqualTo("'o''clock'");
	}

	@Test
	void rejectsAnUnknownMacro() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.macros.expand("WHERE $__timeFiltr(occurred_at)"))
			.withMessageContaining("$__timeFiltr");
	}

	@Test
	void rejectsAnUnknownVariable() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.macros.expand("WHERE service = $servce"))
			.withMessageContaining("$servce");
	}

	@Test
	void rejectsATimeGroupWithoutInterval() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.macros.expand("$__timeGroup(bucket_start)"))
			.withMessageContaining("interval");
	}

}

package io.github.requesttracking.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TimestampsTests {

	private static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();

	// 9999-12-31T23:59:59.999999999Z
	private static final Instant LAST_FAST = Instant.ofEpochSecond(253_402_300_799L, 999_999_999);

	@Test
	void formatsAsTheJdkFormatterForRandomInstants() {
		Random random = new Random(20261204);
		for (int i = 0; i < 200_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 260_000_000_000L),
					random.nextInt(1_000_000_000));
			String text = Timestamps.format(instant);
			assertThat(text).as("%s", instant).isEqualTo(REFERENCE.format(instant));
			assertThat(Timestamps.parse(text)).as(text).isEqualTo(referenceParse(text));
		}
	}

	@Test
	void formatsTheEdgesOfTheFastPathAsTheJdkFormatter() {
		for (Instant instant : new Instant[] { Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999), LAST_FAST,
				LAST_FAST.plusNanos(1), Instant.parse("2024-02-29T23:59:59.000001Z"),
				Instant.parse("2026-12-04T06:13:06.123456789Z") }) {
			assertThat(Timestamps.format(instant)).as("%s", instant).isEqualTo(REFERENCE.format(instant));
		}
	}

	@Test
	void truncatesBelowMicroseconds() {
		assertThat(Timestamps.format(Instant.parse("2026-12-04T06:13:06.123456999Z")))
			.isEqualTo("2026-12-04T06:13:06.123456Z");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-12-04T06:13:06.123456Z", "2024-02-29T00:00:00.000000Z",
			"1970-01-01T00:00:00.000000Z", "9999-12-31T23:59:59.999999Z", "2026-12-04T07:13:06.1+01:00",
			"2026-12-04T06:13:06Z", "2026-12-04T06:13:06.123456789-05:30", "1969-12-31T23:59:59.999999Z" })
	void parsesAsTheJdkParser(String text) {
		assertThat(Timestamps.parse(text)).isEqualTo(referenceParse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-02-29T00:00:00.000000Z", "2026-04-31T00:00:00.000000Z",
			"2026-13-01T00:00:00.000000Z", "2026-00-01T00:00:00.000000Z", "2026-12-04T24:00:00.000000Z",
			"2026-12-04T06:60:00.000000Z", "2026-12-04T06:13:60.000000Z", "2026-12-04T06:13:06.12345xZ",
			"2026-12-04T-6:13:06.123456Z", "２026-12-04T06:13:06.123456Z", "2026-12-04 06:13:06.123456Z",
			"2026-12-04T06:13:06.123456", "not a timestamp" })
	void refusesWhatTheJdkParserRefuses(String text) {
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> referenceParse(text));
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> Timestamps.parse(text));
	}

	private static Instant referenceParse(String text) {
		return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
	}

}

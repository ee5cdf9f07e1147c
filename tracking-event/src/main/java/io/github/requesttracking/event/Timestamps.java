package io.github.requesttracking.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

import org.jspecify.annotations.Nullable;

/**
 * Formats and parses the event's {@code timestamp}: UTC, microseconds, as in
 * {@code 2026-12-04T06:13:06.123456Z}. Both directions have a fast path for that exact
 * shape between the years 1970 and 9999, which is every timestamp a publisher writes;
 * anything else goes through {@link DateTimeFormatter}, with the same result.
 */
final class Timestamps {

	/**
	 * Length of the canonical form.
	 */
	static final int LENGTH = 27;

	private static final DateTimeFormatter FORMATTER = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();

	private static final long SECONDS_PER_DAY = 86_400;

	// 9999-12-31T23:59:59Z
	private static final long MAX_FAST_EPOCH_SECOND = 253_402_300_799L;

	private Timestamps() {
	}

	/**
	 * Format an instant with exactly six fraction digits, truncating smaller units, as
	 * {@code DateTimeFormatterBuilder.appendInstant(6)} does.
	 * @param instant the instant
	 * @return the text
	 */
	static String format(Instant instant) {
		byte[] text = new byte[LENGTH];
		return write(instant, text, 0) ? new String(text, StandardCharsets.ISO_8859_1) : FORMATTER.format(instant);
	}

	/**
	 * Write the canonical form of an instant as {@value #LENGTH} ASCII bytes, when it has
	 * one: an instant between the years 1970 and 9999.
	 * @param instant the instant
	 * @param out where to write
	 * @param offset the index of the first byte to write
	 * @return whether the bytes were written; {@code false} for an instant outside those
	 * years, which only {@link #format(Instant)} handles
	 */
	static boolean write(Instant instant, byte[] out, int offset) {
		long epochSecond = instant.getEpochSecond();
		if (epochSecond < 0 || epochSecond > MAX_FAST_EPOCH_SECOND) {
			return false;
		}
		LocalDate date = LocalDate.ofEpochDay(epochSecond / SECONDS_PER_DAY);
		int secondOfDay = (int) (epochSecond % SECONDS_PER_DAY);
		digits(out, offset, date.getYear(), 4);
		out[offset + 4] = '-';
		digits(out, offset + 5, date.getMonthValue(), 2);
		out[offset + 7] = '-';
		digits(out, offset + 8, date.getDayOfMonth(), 2);
		out[offset + 10] = 'T';
		digits(out, offset + 11, secondOfDay / 3600, 2);
		out[offset + 13] = ':';
		digits(out, offset + 14, (secondOfDay / 60) % 60, 2);
		out[offset + 16] = ':';
		digits(out, offset + 17, secondOfDay % 60, 2);
		out[offset + 19] = '.';
		digits(out, offset + 20, instant.getNano() / 1000, 6);
		out[offset + 26] = 'Z';
		return true;
	}

	/**
	 * Parse an ISO-8601 date-time with an offset.
	 * @param text the text
	 * @return the instant
	 * @throws java.time.format.DateTimeParseException if the text is not such a date-time
	 */
	static Instant parse(String text) {
		Instant fast = parseCanonical(text);
		return (fast != null) ? fast : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
	}

	/**
	 * Parse the canonical form, or return {@code null} for anything else (including
	 * impossible dates) so that the general parser decides and explains.
	 */
	private static @Nullable Instant parseCanonical(String text) {
		if (text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
				|| text.charAt(26) != 'Z') {
			return null;
		}
		int year = number(text, 0, 4);
		int month = number(text, 5, 2);
		int day = number(text, 8, 2);
		int hour = number(text, 11, 2);
		int minute = number(text, 14, 2);
		int second = number(text, 17, 2);
		int micros = number(text, 20, 6);
		if (year < 1970 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
				|| hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || micros < 0) {
			return null;
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
		return Instant.ofEpochSecond(epochSecond, micros * 1000L);
	}

	/**
	 * The decimal number in {@code text} from {@code start}, or -1 if a character there
	 * is not an ASCII digit.
	 */
	private static int number(String text, int start, int length) {
		int value = 0;
		for (int i = start; i < start + length; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static void digits(byte[] text, int start, int value, int length) {
		for (int i = start + length - 1; i >= start; i--) {
			text[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
	}

}

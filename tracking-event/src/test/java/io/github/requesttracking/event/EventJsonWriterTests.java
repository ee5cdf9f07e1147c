package io.github.requesttracking.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventJsonWriterTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final String NASTY = "\"\\/\u0000\u0001\b\f\n\r\t\u001f\u007f\u0080\u00e9\u07ff\u0800\u2603\uffff"
			+ "\ud83d\ude00";

	private static final String ESCAPED = "\\\"\\\\/\\u0000\\u0001\\b\\f\\n\\r\\t\\u001f\u007f\u0080\u00e9\u07ff\u0800"
			+ "\u2603\uffff\ud83d\ude00";

	private final RequestEventCodec codec = new RequestEventCodec();

	@Test
	void writesWhatJacksonReadsAsTheSameFields() {
		Random random = new Random(7);
		for (int i = 0; i < 2000; i++) {
			RequestEvent event = randomEvent(random);

			byte[] json = new EventJsonWriter(64).write(event).toByteArray();

			assertThat(mapper.readTree(json)).as("event %d", i).isEqualTo(expectedTree(event));
			assertThat(this.codec.decodeSingle(json)).isEqualTo(event);
		}
	}

	@Test
	void escapesQuotesBackslashesAndControlCharactersAndWritesUtf8() {
		RequestEvent event = event("/a" + NASTY, Map.of(NASTY, List.of(NASTY, "")), 1.5, 1.0);

		String json = new String(new EventJsonWriter().write(event).toByteArray(), StandardCharsets.UTF_8);

		assertThat(json).contains(",\"path\":\"/a" + ESCAPED + "\",")
			.contains(",\"query_params\":{\"" + ESCAPED + "\":[\"" + ESCAPED + "\",\"\"]},");
	}

	@Test
	void replacesUnpairedSurrogates() {
		RequestEvent event = event("/\ud800x\udc00\ude00\ud83d", Map.of(), 1.0, 1.0);

		RequestEvent read = this.codec.decodeSingle(new EventJsonWriter().write(event).toByteArray());

		assertThat(read.path()).isEqualTo("/\ufffdx\ufffd\ufffd\ufffd");
	}

	@Test
	void writesNanosecondDurationsAndUsualRatesAsPlainDecimals() {
		assertThat(numbers(12.5, 1.0)).isEqualTo("12.5/1.0");
		assertThat(numbers(0.0, 0.1)).isEqualTo("0.0/0.1");
		assertThat(numbers(123_456_789 / 1_000_000.0, 0.000001)).isEqualTo("123.456789/0.000001");
		assertThat(numbers(999_999_999.999999, 0.25)).isEqualTo("999999999.999999/0.25");
	}

	@Test
	void writesOtherNumbersSoThatTheyReadBackExactly() {
		assertThat(numbers(1 / 3.0, 1e-7)).isEqualTo(Double.toString(1 / 3.0) + "/" + Double.toString(1e-7));
		assertThat(numbers(1e9, 5e20)).isEqualTo("1.0E9/5.0E20");
		Random random = new Random(11);
		for (int i = 0; i < 100_000; i++) {
			double nanosecondDuration = random.nextInt(Integer.MAX_VALUE) / 1_000_000.0;
			double any = Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
			String[] written = numbers(nanosecondDuration, any).split("/");
			assertThat(Double.parseDouble(written[0])).isEqualTo(nanosecondDuration);
			assertThat(written[0]).doesNotContain("E");
			assertThat(Double.parseDouble(written[1])).isEqualTo(any);
		}
	}

	@Test
	void rejectsNumbersJsonCannotHoldAndLeavesTheBufferAsItWas() {
		EventJsonWriter writer = new EventJsonWriter();
		writer.write(event("/", Map.of(), 1.0, 1.0));
		int length = writer.length();

		assertThatIllegalArgumentException().isThrownBy(() -> writer.write(event("/", Map.of(), Double.NaN, 1.0)))
			.withMessageContaining("not finite");
		assertThatIllegalArgumentException().isThrownBy(() -> writer
			.writeArray(List.of(event("/", Map.of(), 1.0, 1.0), event("/", Map.of(), 1.0, Double.POSITIVE_INFINITY))));
		assertThat(writer.length()).isEqualTo(length);
	}

	@Test
	void writesArraysAndReusesItsBuffer() {
		EventJsonWriter writer = new EventJsonWriter(64);
		List<RequestEvent> events = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			events.add(event("/" + "x".repeat(i * 100), Map.of("i", List.of(Integer.toString(i))), i, 1.0));
		}

		byte[] first = writer.writeArray(events).toByteArray();
		byte[] second = writer.reset().writeArray(events).toByteArray();
		byte[] empty = writer.reset().writeArray(List.of()).toByteArray();

		assertThat(second).isEqualTo(first);
		assertThat(this.codec.decode(first)).extracting(DecodedEvent::event).containsExactlyElementsOf(events);
		assertThat(writer.buffer().length).isGreaterThanOrEqualTo(first.length);
		assertThat(new String(empty, StandardCharsets.US_ASCII)).isEqualTo("[]");
	}

	@Test
	void writesAHugeStringAndTimestampsOutsideTheFastRange() {
		String huge = "\u00e9".repeat(1_000_000);
		RequestEvent event = new RequestEvent(1, UUID.randomUUID(), Instant.parse("1969-07-20T20:17:40.000001Z"), "s",
				"GET", "/", null, Map.of(), null, huge, null, null, null, 200, 1.0, 1.0);

		byte[] json = new EventJsonWriter(64).write(event).toByteArray();

		assertThat(this.codec.decodeSingle(json)).isEqualTo(event);
		assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"timestamp\":\"1969-07-20T20:17:40.000001Z\"");
	}

	private static String numbers(double durationMs, double sampleRate) {
		byte[] json = new EventJsonWriter().write(event("/", Map.of(), durationMs, sampleRate)).toByteArray();
		String text = new String(json, StandardCharsets.US_ASCII);
		return between(text, "\"duration_ms\":", ",") + "/" + between(text, "\"sample_rate\":", "}");
	}

	private static String between(String text, String start, String end) {
		int from = text.indexOf(start) + start.length();
		return text.substring(from, text.indexOf(end, from));
	}

	private static RequestEvent event(String path, Map<String, List<String>> query, double durationMs,
			double sampleRate) {
		return new RequestEvent(1, UUID.randomUUID(), Instant.parse("2026-12-04T08:30:00.123456Z"), "svc", "GET", path,
				"/{id}", query, "192.0.2.0", "agent", null, null, "u", 200, durationMs, sampleRate);
	}

	private static RequestEvent randomEvent(Random random) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		for (int i = random.nextInt(4); i > 0; i--) {
			List<String> values = new ArrayList<>();
			for (int j = random.nextInt(3); j >= 0; j--) {
				values.add(randomText(random));
			}
			query.put(randomText(random), values);
		}
		long seconds = random.nextLong(253_402_300_800L);
		Instant timestamp = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000) * 1000L);
		return new RequestEvent(1, new UUID(random.nextLong(), random.nextLong()), timestamp, "s" + randomText(random),
				"m" + randomText(random), "/" + randomText(random), nullable(random), query, nullable(random),
				nullable(random), nullable(random), nullable(random), nullable(random), 100 + random.nextInt(500),
				random.nextInt(100_000_000) / 1_000_000.0,
				random.nextBoolean() ? 1.0 : 0.001 + random.nextDouble() * 0.99);
	}

	private static String nullable(Random random) {
		return random.nextInt(4) == 0 ? null : randomText(random);
	}

	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		for (int i = random.nextInt(40); i > 0; i--) {
			int pick = random.nextInt(10);
			if (pick < 6) {
				text.append((char) (0x20 + random.nextInt(0x5f)));
			}
			else if (pick < 9) {
				text.append(NASTY.charAt(random.nextInt(NASTY.length() - 2)));
			}
			else {
				text.appendCodePoint(0x10000 + random.nextInt(0xFFFFF));
			}
		}
		return text.toString();
	}

	private static JsonNode expectedTree(RequestEvent event) {
		ObjectNode tree = mapper.createObjectNode();
		tree.put("schema_version", event.schemaVersion());
		tree.put("event_id", event.eventId().toString());
		tree.put("timestamp", Timestamps.format(event.timestamp()));
		tree.put("service", event.service());
		tree.put("method", event.method());
		tree.put("path", event.path());
		tree.put("route", event.route());
		ObjectNode query = tree.putObject("query_params");
		event.queryParams().forEach((name, values) -> {
			ArrayNode array = query.putArray(name);
			values.forEach(array::add);
		});
		tree.put("client_ip", event.clientIp());
		tree.put("user_agent", event.userAgent());
		tree.put("referer", event.referer());
		tree.put("origin", event.origin());
		tree.put("user_id", event.userId());
		tree.put("status_code", event.statusCode());
		tree.put("duration_ms", event.durationMs());
		tree.put("sample_rate", event.sampleRate());
		return tree;
	}

}

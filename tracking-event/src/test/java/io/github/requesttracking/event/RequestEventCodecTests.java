package io.github.requesttracking.event;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestEventCodecTests {

	private final RequestEventCodec codec = new RequestEventCodec();

	@Test
	void encodesEveryFieldInSnakeCaseAndReadsItBack() {
		RequestEvent event = sampleEvent();

		byte[] json = this.codec.encode(event);

		String text = new String(json, StandardCharsets.UTF_8);
		assertThat(text).contains("\"schema_version\":1", "\"event_id\":\"" + event.eventId() + "\"",
				"\"timestamp\":\"2026-12-03T10:15:30.120000Z\"", "\"query_params\":{\"page\":[\"2\"]}",
				"\"client_ip\":\"203.0.113.0\"", "\"status_code\":201", "\"duration_ms\":12.5", "\"sample_rate\":1.0");
		assertThat(this.codec.decodeSingle(json)).isEqualTo(event);
	}

	@Test
	void encodedEventValidatesAgainstTheJsonSchema() throws Exception {
		byte[] single = this.codec.encode(sampleEvent());
		byte[] withNulls = this.codec.encode(anonymousEvent());

		assertThat(validate(single)).isEmpty();
		assertThat(validate(withNulls)).isEmpty();
	}

	@Test
	void schemaRejectsAnEventWithoutRequiredFields() throws Exception {
		byte[] json = "{\"schema_version\":1,\"service\":\"x\"}".getBytes(StandardCharsets.UTF_8);

		assertThat(validate(json)).isNotEmpty();
	}

	@Test
	void decodesAnArrayAndIsolatesTheBadElement() {
		RequestEvent good = sampleEvent();
		String array = "[" + new String(this.codec.encode(good), StandardCharsets.UTF_8)
				+ ",{\"schema_version\":1,\"event_id\":\"not-a-uuid\"}]";

		List<DecodedEvent> decoded = this.codec.decode(array.getBytes(StandardCharsets.UTF_8));

		assertThat(decoded).hasSize(2);
		assertThat(decoded.get(0).event()).isEqualTo(good);
		assertThat(decoded.get(1).isValid()).isFalse();
		assertThat(decoded.get(1).error()).hasMessageContaining("event_id");
		assertThat(decoded.get(1).json()).contains("not-a-uuid");
	}

	@Test
	void encodesABatchAsAnArray() {
		List<RequestEvent> events = List.of(sampleEvent(), anonymousEvent());

		List<DecodedEvent> decoded = this.codec.decode(this.codec.encode(events));

		assertThat(decoded).extracting(DecodedEvent::event).containsExactlyElementsOf(events);
	}

	@Test
	void rejectsABodyThatIsNotJson() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.decode("hello".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("not valid JSON");
	}

	@Test
	void rejectsInvalidUtf8() {
		byte[] body = { '{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> this.codec.decode(body));
	}

	@Test
	void rejectsAnEmptyBodyAndAScalar() {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> this.codec.decode(new byte[0]))
			.withMessageContaining("empty");
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.decode("42".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("NUMBER");
	}

	@Test
	void rejectsAnUnsupportedSchemaVersion() {
		String json = new String(this.codec.encode(sampleEvent()), StandardCharsets.UTF_8)
			.replace("\"schema_version\":1", "\"schema_version\":2");

		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.decodeSingle(json.getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("Unsupported schema_version 2");
	}

	@Test
	void rejectsMissingAndMalformedRequiredFields() {
		String json = new String(this.codec.encode(sampleEvent()), StandardCharsets.UTF_8);

		assertInvalid(json.replace("\"service\":\"note-management\",", ""), "Required field 'service' is missing");
		assertInvalid(json.replace("\"status_code\":201", "\"status_code\":99"), "status_code");
		assertInvalid(json.replace("\"status_code\":201", "\"status_code\":\"201\""), "status_code");
		assertInvalid(json.replace("\"duration_ms\":12.5", "\"duration_ms\":-1"), "duration_ms");
		assertInvalid(json.replace("2026-12-03T10:15:30.120000Z", "yesterday"), "timestamp");
		assertInvalid(json.replace("\"sample_rate\":1.0", "\"sample_rate\":0"), "sample_rate");
	}

	@Test
	void readsTimestampsWithAnOffsetAndMissingOptionalFields() {
		String json = "{\"schema_version\":1,\"event_id\":\"" + UUID.randomUUID()
				+ "\",\"timestamp\":\"2026-12-03T11:15:30.5+01:00\",\"service\":\"s\",\"method\":\"GET\",\"path\":\"/\","
				+ "\"status_code\":200,\"duration_ms\":1,\"unknown_field\":true}";

		RequestEvent event = this.codec.decodeSingle(json.getBytes(StandardCharsets.UTF_8));

		assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-12-03T10:15:30.500Z"));
		assertThat(event.queryParams()).isEmpty();
		assertThat(event.route()).isNull();
		assertThat(event.sampleRate()).isEqualTo(1.0);
	}

	@Test
	void keepsControlCharactersAndUnicodeIntactThroughJson() {
		RequestEvent event = new RequestEvent(1, UUID.randomUUID(), Instant.parse("2026-12-03T10:15:30Z"), "svc", "GET",
				"/caf\u00e9/\"quoted\"\\", "/caf\u00e9", Map.of("q", List.of("a\u0000b\n")), null,
				"agent \u2603 \u0007", null, null, null, 200, 0.25, 0.5);

		assertThat(this.codec.decodeSingle(this.codec.encode(event))).isEqualTo(event);
	}

	private void assertInvalid(String json, String reason) {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.decodeSingle(json.getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining(reason);
	}

	private static Set<ValidationMessage> validate(byte[] json) throws Exception {
		JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
		try (InputStream schemaStream = RequestEvent.class.getResourceAsStream("request-event-v1.schema.json")) {
			JsonSchema schema = factory.getSchema(schemaStream);
			return schema.validate(new String(json, StandardCharsets.UTF_8), com.networknt.schema.InputFormat.JSON);
		}
	}

	private static RequestEvent sampleEvent() {
		return new RequestEvent(1, UUID.randomUUID(), Instant.parse("2026-12-03T10:15:30.12Z"), "note-management",
				"POST", "/api/notes", "/api/notes", Map.of("page", List.of("2")), "203.0.113.0", "curl/8.5.0",
				"https://example.com", "https://example.com", "42", 201, 12.5, 1.0);
	}

	private static RequestEvent anonymousEvent() {
		return new RequestEvent(1, UUID.randomUUID(), Instant.parse("2026-12-03T10:15:31Z"), "user-management", "GET",
				"/missing", "NOT_FOUND", Map.of(), null, null, null, null, null, 404, 0.4, 0.25);
	}

}

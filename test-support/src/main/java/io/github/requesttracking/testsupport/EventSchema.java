package io.github.requesttracking.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.requesttracking.event.RequestEvent;

/**
 * Checks JSON against the event contract's JSON Schema.
 */
public final class EventSchema {

	private static final JsonSchema SCHEMA = load();

	private EventSchema() {
	}

	private static JsonSchema load() {
		try (InputStream stream = RequestEvent.class.getResourceAsStream("request-event-v1.schema.json")) {
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(stream);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Validate one event object.
	 * @param json the event as UTF-8 JSON
	 * @return the violations, empty when the event is valid
	 */
	public static List<String> violations(byte[] json) {
		return SCHEMA.validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON)
			.stream()
			.map(ValidationMessage::getMessage)
			.toList();
	}

}

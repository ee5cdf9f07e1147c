package io.github.requesttracking.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the JSON form of {@link RequestEvent}. A message body holds either one
 * event object or a JSON array of event objects; {@link #decode(byte[])} accepts both.
 * Writing goes through an {@link EventJsonWriter}, reading through Jackson. Instances are
 * thread-safe.
 */
public final class RequestEventCodec {

	/**
	 * The schema versions this code can read.
	 */
	public static final Set<Integer> SUPPORTED_SCHEMA_VERSIONS = Set.of(RequestEvent.CURRENT_SCHEMA_VERSION);

	/**
	 * The content type of an encoded message body.
	 */
	public static final String CONTENT_TYPE = "application/json";

	private final JsonMapper mapper;

	/**
	 * Create a codec with its own JSON mapper.
	 */
	public RequestEventCodec() {
		this(JsonMapper.builder().build());
	}

	/**
	 * Create a codec that uses the given JSON mapper for parsing.
	 * @param mapper the mapper to use
	 */
	public RequestEventCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Encode one event as a JSON object.
	 * @param event the event
	 * @return the UTF-8 JSON bytes
	 * @throws IllegalArgumentException if its duration or sample rate is not finite
	 * @see EventJsonWriter
	 */
	public byte[] encode(RequestEvent event) {
		return new EventJsonWriter(512).write(event).toByteArray();
	}

	/**
	 * Encode several events as one JSON array.
	 * @param events the events
	 * @return the UTF-8 JSON bytes
	 * @throws IllegalArgumentException if an event's duration or sample rate is not
	 * finite
	 * @see EventJsonWriter
	 */
	public byte[] encode(List<RequestEvent> events) {
		return new EventJsonWriter().writeArray(events).toByteArray();
	}

	/**
	 * Decode a message body holding one event object or an array of them. Each element is
	 * validated on its own, so one bad element does not reject the others.
	 * @param body the message body
	 * @return one entry per element, in order
	 * @throws InvalidEventException if the body is not JSON, or neither an object nor an
	 * array
	 */
	public List<DecodedEvent> decode(byte[] body) {
		JsonNode root = readTree(body);
		if (root.isObject()) {
			return List.of(decodeElement(root));
		}
		if (root.isArray()) {
			List<DecodedEvent> decoded = new ArrayList<>(root.size());
			for (JsonNode element : root) {
				decoded.add(decodeElement(element));
			}
			return decoded;
		}
		throw new InvalidEventException("Message body is JSON " + root.getNodeType()
				+ ", expected an event object or an array of event objects");
	}

	/**
	 * Decode a message body that must hold exactly one valid event.
	 * @param body the message body
	 * @return the event
	 * @throws InvalidEventException if the body is not a single valid event
	 */
	public RequestEvent decodeSingle(byte[] body) {
		List<DecodedEvent> decoded = decode(body);
		if (decoded.size() != 1) {
			throw new InvalidEventException("Expected one event but the message holds " + decoded.size());
		}
		DecodedEvent only = decoded.get(0);
		if (only.error() != null) {
			throw only.error();
		}
		return only.event();
	}

	private JsonNode readTree(byte[] body) {
		if (body.length == 0) {
			throw new InvalidEventException("Message body is empty");
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("Message body is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private DecodedEvent decodeElement(JsonNode node) {
		String json = node.toString();
		try {
			return DecodedEvent.valid(toEvent(node), json);
		}
		catch (InvalidEventException ex) {
			return DecodedEvent.invalid(ex, json);
		}
	}

	private RequestEvent toEvent(JsonNode node) {
		if (!node.isObject()) {
			throw new InvalidEventException("Event is JSON " + node.getNodeType() + ", expected an object");
		}
		int schemaVersion = requiredInt(node, "schema_version");
		if (!SUPPORTED_SCHEMA_VERSIONS.contains(schemaVersion)) {
			throw new InvalidEventException("Unsupported schema_version " + schemaVersion + ", this consumer reads "
					+ SUPPORTED_SCHEMA_VERSIONS);
		}
		return new RequestEvent(schemaVersion, uuid(node), timestamp(node), requiredText(node, "service"),
				requiredText(node, "method"), requiredText(node, "path"), optionalText(node, "route"),
				queryParams(node), optionalText(node, "client_ip"), optionalText(node, "user_agent"),
				optionalText(node, "referer"), optionalText(node, "origin"), optionalText(node, "user_id"),
				statusCode(node), durationMs(node), sampleRate(node));
	}

	private static UUID uuid(JsonNode node) {
		String text = requiredText(node, "event_id");
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEventException("Field 'event_id' is not a UUID: '" + abbreviate(text) + "'", ex);
		}
	}

	private static Instant timestamp(JsonNode node) {
		String text = requiredText(node, "timestamp");
		try {
			return Timestamps.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidEventException(
					"Field 'timestamp' is not an ISO-8601 date-time with offset: '" + abbreviate(text) + "'", ex);
		}
	}

	private static int statusCode(JsonNode node) {
		int status = requiredInt(node, "status_code");
		if (status < 100 || status > 599) {
			throw new InvalidEventException("Field 'status_code' is " + status + ", expected 100 to 599");
		}
		return status;
	}

	private static double durationMs(JsonNode node) {
		double duration = requiredNumber(node, "duration_ms");
		if (!(duration >= 0) || Double.isInfinite(duration)) {
			throw new InvalidEventException("Field 'duration_ms' is " + duration + ", expected a finite value >= 0");
		}
		return duration;
	}

	private static double sampleRate(JsonNode node) {
		JsonNode value = node.get("sample_rate");
		if (value == null || value.isNull()) {
			return 1.0;
		}
		double rate = requiredNumber(node, "sample_rate");
		if (!(rate > 0 && rate <= 1)) {
			throw new InvalidEventException("Field 'sample_rate' is " + rate + ", expected a value in (0, 1]");
		}
		return rate;
	}

	private static Map<String, List<String>> queryParams(JsonNode node) {
		JsonNode value = node.get("query_params");
		if (value == null || value.isNull()) {
			return Map.of();
		}
		if (!value.isObject()) {
			throw new InvalidEventException("Field 'query_params' is JSON " + value.getNodeType()
					+ ", expected an object of name to list of values");
		}
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> parameter : value.properties()) {
			JsonNode values = parameter.getValue();
			if (!values.isArray()) {
				throw new InvalidEventException(
						"Query parameter '" + abbreviate(parameter.getKey()) + "' is not a list of values");
			}
			List<String> texts = new ArrayList<>(values.size());
			for (JsonNode item : values) {
				if (!item.isString()) {
					throw new InvalidEventException(
							"Query parameter '" + abbreviate(parameter.getKey()) + "' has a value that is not text");
				}
				texts.add(item.asString());
			}
			parameters.put(parameter.getKey(), texts);
		}
		return parameters;
	}

	private static String requiredText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new InvalidEventException("Required field '" + field + "' is missing");
		}
		if (!value.isString() || value.asString().isBlank()) {
			throw new InvalidEventException("Field '" + field + "' must be non-blank text");
		}
		return value.asString();
	}

	private static @Nullable String optionalText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new InvalidEventException("Field '" + field + "' must be text or null");
		}
		return value.asString();
	}

	private static int requiredInt(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new InvalidEventException("Required field '" + field + "' is missing");
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new InvalidEventException(
					"Field '" + field + "' must be an integer, was " + abbreviate(value.toString()));
		}
		return value.intValue();
	}

	private static double requiredNumber(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new InvalidEventException("Required field '" + field + "' is missing");
		}
		if (!value.isNumber()) {
			throw new InvalidEventException(
					"Field '" + field + "' must be a number, was " + abbreviate(value.toString()));
		}
		return value.doubleValue();
	}

	private static String abbreviate(String text) {
		return (text.length() <= 64) ? text : text.substring(0, 64) + "...";
	}

}

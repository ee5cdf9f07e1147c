package io.github.requesttracking.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One tracked HTTP request, as published by the starter and stored by the consumer. The
 * JSON form uses snake_case names and is described by
 * {@code request-event-v1.schema.json}.
 *
 * @param schemaVersion version of the contract the event was written with
 * @param eventId unique id chosen by the publisher, used to store each event once
 * @param timestamp when the request started, in UTC
 * @param service name of the service that handled the request
 * @param method HTTP method
 * @param path request path, with secret-looking segments masked
 * @param route matched handler template such as {@code /api/notes/{id}}, or a fixed label
 * when no handler matched
 * @param queryParams query parameters by name, sensitive values already redacted
 * @param clientIp anonymized client address, or {@code null} when unknown
 * @param userAgent the {@code User-Agent} header, bounded in length
 * @param referer the {@code Referer} header without query, fragment or user info
 * @param origin the {@code Origin} header
 * @param userId id of the authenticated principal, {@code null} when anonymous
 * @param statusCode HTTP status the client received
 * @param durationMs time from filter entry to the end of the response, in milliseconds
 * @param sampleRate probability with which this event was kept, {@code 1.0} when not
 * sampled
 */
public record RequestEvent(int schemaVersion, UUID eventId, Instant timestamp, String service, String method,
		String path, @Nullable String route, Map<String, List<String>> queryParams, @Nullable String clientIp,
		@Nullable String userAgent, @Nullable String referer, @Nullable String origin, @Nullable String userId,
		int statusCode, double durationMs, double sampleRate) {

	/**
	 * The version of the contract this code writes.
	 */
	public static final int CURRENT_SCHEMA_VERSION = 1;

	public RequestEvent {
		Objects.requireNonNull(eventId, "eventId must not be null");
		Objects.requireNonNull(timestamp, "timestamp must not be null");
		Objects.requireNonNull(service, "service must not be null");
		Objects.requireNonNull(method, "method must not be null");
		Objects.requireNonNull(path, "path must not be null");
		queryParams = copy(queryParams);
	}

	private static Map<String, List<String>> copy(@Nullable Map<String, List<String>> queryParams) {
		if (queryParams == null || queryParams.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> copy = new LinkedHashMap<>(queryParams.size() * 2);
		queryParams.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		return Collections.unmodifiableMap(copy);
	}

}

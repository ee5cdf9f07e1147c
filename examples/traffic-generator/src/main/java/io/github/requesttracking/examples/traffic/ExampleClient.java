package io.github.requesttracking.examples.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * Sends the requests of each {@link Step} to the example services, as the given simulated
 * client behind a trusted proxy: the client's address travels in {@code X-Forwarded-For}.
 */
final class ExampleClient {

	/**
	 * Status recorded when no HTTP answer arrived.
	 */
	static final int NO_ANSWER = -1;

	private static final List<String> NOTE_TITLES = List.of("Groceries", "Meeting notes", "Ideas", "Reading list",
			"Travel plans", "Recipe", "To do", "Birthday gifts");

	private static final List<String> CRAWLED = List.of("/api/notes", "/api/users/me", "/robots.txt", "/");

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(3))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final URI usersUrl;

	private final URI notesUrl;

	ExampleClient(URI usersUrl, URI notesUrl) {
		this.usersUrl = usersUrl;
		this.notesUrl = notesUrl;
	}

	/**
	 * Perform one step of a person's journey and record its effect on the journey.
	 * @param journey the person
	 * @param step the step
	 * @param random the source of randomness
	 * @return the HTTP status, or {@link #NO_ANSWER}
	 */
	int perform(Journey journey, Step step, RandomGenerator random) {
		return switch (step) {
			case SIGN_UP -> signUp(journey);
			case SIGN_UP_INVALID -> send(journey.client(),
					post(this.usersUrl, "/api/users",
							"{\"username\":" + JsonFields.quote(journey.username()) + ",\"password\":\"short\"}"),
					null)
				.status();
			case LOG_IN -> logIn(journey, journey.password());
			case LOG_IN_WRONG_PASSWORD -> logIn(journey, journey.password() + "-wrong");
			case READ_PROFILE -> authorized(journey, get(this.usersUrl, "/api/users/me"));
			case CREATE_NOTE -> createNote(journey, NOTE_TITLES.get(random.nextInt(NOTE_TITLES.size())), random);
			case LIST_NOTES -> authorized(journey, get(this.notesUrl, "/api/notes"));
			case READ_NOTE -> authorized(journey, get(this.notesUrl, "/api/notes/" + anyNote(journey, random)));
			case UPDATE_NOTE -> authorized(journey,
					put(this.notesUrl, "/api/notes/" + anyNote(journey, random), noteJson("Updated", random)));
			case DELETE_NOTE -> deleteNote(journey, anyNote(journey, random));
			case READ_MISSING_NOTE -> authorized(journey, get(this.notesUrl, "/api/notes/" + UUID.randomUUID()));
			case USE_INVALID_TOKEN ->
				send(journey.client(), get(this.notesUrl, "/api/notes"), "not-a-valid-token").status();
			case CAUSE_SERVER_ERROR ->
				authorized(journey, post(this.notesUrl, "/api/notes", noteJson("Bad\u0000title", random)));
			case CRAWL -> crawl(journey.client(), random);
		};
	}

	/**
	 * Fetch a page or an API path as a crawler, without credentials.
	 * @param crawler the crawler
	 * @param random the source of randomness
	 * @return the HTTP status, or {@link #NO_ANSWER}
	 */
	int crawl(SimulatedClient crawler, RandomGenerator random) {
		URI base = random.nextBoolean() ? this.usersUrl : this.notesUrl;
		return send(crawler, get(base, CRAWLED.get(random.nextInt(CRAWLED.size()))), null).status();
	}

	private int signUp(Journey journey) {
		Answer answer = send(journey.client(), post(this.usersUrl, "/api/users", "{\"username\":"
				+ JsonFields.quote(journey.username()) + ",\"password\":" + JsonFields.quote(journey.password()) + "}"),
				null);
		if (answer.status() == 201 || answer.status() == 409) {
			journey.registered();
		}
		return answer.status();
	}

	private int logIn(Journey journey, String password) {
		Answer answer = send(
				journey.client(), post(this.usersUrl, "/api/auth/login", "{\"username\":"
						+ JsonFields.quote(journey.username()) + ",\"password\":" + JsonFields.quote(password) + "}"),
				null);
		if (answer.status() == 200) {
			JsonFields.string(answer.body(), "token").ifPresent(journey::loggedIn);
		}
		return answer.status();
	}

	private int createNote(Journey journey, String title, RandomGenerator random) {
		Answer answer = sendAuthorized(journey, post(this.notesUrl, "/api/notes", noteJson(title, random)));
		if (answer.status() == 201) {
			JsonFields.string(answer.body(), "id").ifPresent(journey::created);
		}
		return answer.status();
	}

	private int deleteNote(Journey journey, String noteId) {
		int status = authorized(journey,
				HttpRequest.newBuilder(this.notesUrl.resolve("/api/notes/" + noteId)).DELETE());
		if (status == 204 || status == 404) {
			journey.deleted(noteId);
		}
		return status;
	}

	private int authorized(Journey journey, HttpRequest.Builder request) {
		return sendAuthorized(journey, request).status();
	}

	private Answer sendAuthorized(Journey journey, HttpRequest.Builder request) {
		Answer answer = send(journey.client(), request, journey.token());
		if (answer.status() == 401) {
			journey.loggedOut();
		}
		return answer;
	}

	private Answer send(SimulatedClient client, HttpRequest.Builder request, @Nullable String token) {
		request.timeout(Duration.ofSeconds(10))
			.header("User-Agent", client.userAgent())
			.header("X-Forwarded-For", client.address())
			.header("Accept", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Answer(NO_ANSWER, "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(NO_ANSWER, "");
		}
	}

	private static String anyNote(Journey journey, RandomGenerator random) {
		List<String> notes = journey.noteIds();
		return notes.isEmpty() ? UUID.randomUUID().toString() : notes.get(random.nextInt(notes.size()));
	}

	private static String noteJson(String title, RandomGenerator random) {
		return "{\"title\":" + JsonFields.quote(title) + ",\"content\":"
				+ JsonFields.quote("Written by the traffic generator, item " + random.nextInt(1000)) + "}";
	}

	private static HttpRequest.Builder get(URI base, String path) {
		return HttpRequest.newBuilder(base.resolve(path)).GET();
	}

	private static HttpRequest.Builder post(URI base, String path, String json) {
		return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json").POST(body(json));
	}

	private static HttpRequest.Builder put(URI base, String path, String json) {
		return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json").PUT(body(json));
	}

	private static BodyPublisher body(String json) {
		return BodyPublishers.ofString(json);
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status the status, or {@link #NO_ANSWER}
	 * @param body the body, empty when there was no answer
	 */
	record Answer(int status, String body) {

	}

}

package io.github.requesttracking.examples.traffic;

/**
 * One request a simulated client makes, with the status it is expected to end with.
 */
enum Step {

	/**
	 * Register a new account.
	 */
	SIGN_UP(201),

	/**
	 * Register with a password that is too short.
	 */
	SIGN_UP_INVALID(400),

	/**
	 * Log in with the right password.
	 */
	LOG_IN(200),

	/**
	 * Log in with a wrong password.
	 */
	LOG_IN_WRONG_PASSWORD(401),

	/**
	 * Read one's own profile.
	 */
	READ_PROFILE(200),

	/**
	 * Create a note.
	 */
	CREATE_NOTE(201),

	/**
	 * List one's notes.
	 */
	LIST_NOTES(200),

	/**
	 * Read one of one's notes.
	 */
	READ_NOTE(200),

	/**
	 * Replace one of one's notes.
	 */
	UPDATE_NOTE(200),

	/**
	 * Delete one of one's notes.
	 */
	DELETE_NOTE(204),

	/**
	 * Read a note that does not exist.
	 */
	READ_MISSING_NOTE(404),

	/**
	 * Call the notes API with a token that is not valid.
	 */
	USE_INVALID_TOKEN(401),

	/**
	 * Create a note whose title holds a NUL character, which PostgreSQL refuses to store
	 * in a text column, so the example answers with a server error.
	 */
	CAUSE_SERVER_ERROR(500),

	/**
	 * A crawler fetching a page or an API path without credentials.
	 */
	CRAWL(401);

	private final int expectedStatus;

	Step(int expectedStatus) {
		this.expectedStatus = expectedStatus;
	}

	int expectedStatus() {
		return this.expectedStatus;
	}

}

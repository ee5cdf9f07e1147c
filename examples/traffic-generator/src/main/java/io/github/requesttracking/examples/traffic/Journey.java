package io.github.requesttracking.examples.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.jspecify.annotations.Nullable;

/**
 * What one simulated person has done so far, and the choice of what it does next: people
 * sign up before they log in and log in before they use notes, mostly succeed, and
 * sometimes make the mistakes that produce client and server errors.
 */
final class Journey {

	private final SimulatedClient client;

	private final String username;

	private final String password;

	private boolean registered;

	private @Nullable String token;

	private final List<String> noteIds = new ArrayList<>();

	Journey(SimulatedClient client, String username, String password) {
		this.client = client;
		this.username = username;
		this.password = password;
	}

	/**
	 * Choose the next step.
	 * @param random the source of randomness
	 * @return the step
	 */
	Step next(RandomGenerator random) {
		int roll = random.nextInt(100);
		if (!this.registered) {
			return (roll < 5) ? Step.SIGN_UP_INVALID : Step.SIGN_UP;
		}
		if (this.token == null) {
			return (roll < 10) ? Step.LOG_IN_WRONG_PASSWORD : Step.LOG_IN;
		}
		if (this.noteIds.isEmpty()) {
			return (roll < 70) ? Step.CREATE_NOTE : pickWithoutNotes(roll);
		}
		return pickWithNotes(roll);
	}

	private static Step pickWithoutNotes(int roll) {
		if (roll < 82) {
			return Step.LIST_NOTES;
		}
		if (roll < 92) {
			return Step.READ_PROFILE;
		}
		return (roll < 97) ? Step.READ_MISSING_NOTE : Step.USE_INVALID_TOKEN;
	}

	private static Step pickWithNotes(int roll) {
		if (roll < 30) {
			return Step.READ_NOTE;
		}
		if (roll < 50) {
			return Step.LIST_NOTES;
		}
		if (roll < 68) {
			return Step.CREATE_NOTE;
		}
		if (roll < 78) {
			return Step.UPDATE_NOTE;
		}
		if (roll < 83) {
			return Step.DELETE_NOTE;
		}
		if (roll < 90) {
			return Step.READ_PROFILE;
		}
		if (roll < 95) {
			return Step.READ_MISSING_NOTE;
		}
		return (roll < 98) ? Step.USE_INVALID_TOKEN : Step.CAUSE_SERVER_ERROR;
	}

	SimulatedClient client() {
		return this.client;
	}

	String username() {
		return this.username;
	}

	String password() {
		return this.password;
	}

	@Nullable String token() {
		return this.token;
	}

	List<String> noteIds() {
		return this.noteIds;
	}

	void registered() {
		this.registered = true;
	}

	void loggedIn(String token) {
		this.token = token;
	}

	/**
	 * Forget the token, as when it is rejected: the person logs in again.
	 */
	void loggedOut() {
		this.token = null;
	}

	void created(String noteId) {
		this.noteIds.add(noteId);
	}

	void deleted(String noteId) {
		this.noteIds.remove(noteId);
	}

}

package io.github.requesttracking.examples.traffic;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyTests {

	private final SplittableRandom random = new SplittableRandom(1);

	private final Journey journey = new Journey(new SimulatedClient("GB", "81.2.69.10", "Firefox", false), "demo",
			"pw-123456");

	private Set<Step> draw(int times) {
		Set<Step> steps = EnumSet.noneOf(Step.class);
		IntStream.range(0, times).forEach((index) -> steps.add(this.journey.next(this.random)));
		return steps;
	}

	@Test
	void newPersonSignsUpFirst() {
		assertThat(draw(500)).containsExactlyInAnyOrder(Step.SIGN_UP, Step.SIGN_UP_INVALID);
	}

	@Test
	void registeredPersonLogsInBeforeUsingNotes() {
		this.journey.registered();

		assertThat(draw(500)).containsExactlyInAnyOrder(Step.LOG_IN, Step.LOG_IN_WRONG_PASSWORD);
	}

	@Test
	void personWithoutNotesNeitherReadsNorChangesOne() {
		this.journey.registered();
		this.journey.loggedIn("token");

		assertThat(draw(2000)).contains(Step.CREATE_NOTE, Step.LIST_NOTES, Step.READ_MISSING_NOTE)
			.doesNotContain(Step.READ_NOTE, Step.UPDATE_NOTE, Step.DELETE_NOTE, Step.SIGN_UP, Step.LOG_IN);
	}

	@Test
	void personWithNotesEventuallyMakesEveryKindOfRequest() {
		this.journey.registered();
		this.journey.loggedIn("token");
		this.journey.created("6f1c1d1e-0000-4000-8000-000000000001");

		assertThat(draw(5000)).containsExactlyInAnyOrder(Step.READ_NOTE, Step.LIST_NOTES, Step.CREATE_NOTE,
				Step.UPDATE_NOTE, Step.DELETE_NOTE, Step.READ_PROFILE, Step.READ_MISSING_NOTE, Step.USE_INVALID_TOKEN,
				Step.CAUSE_SERVER_ERROR);
	}

	@Test
	void rejectedTokenSendsThePersonBackToTheLogin() {
		this.journey.registered();
		this.journey.loggedIn("token");

		this.journey.loggedOut();

		assertThat(this.journey.token()).isNull();
		assertThat(draw(100)).containsOnly(Step.LOG_IN, Step.LOG_IN_WRONG_PASSWORD);
	}

}

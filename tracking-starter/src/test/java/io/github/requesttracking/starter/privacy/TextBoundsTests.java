package io.github.requesttracking.starter.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextBoundsTests {

	@Test
	void returnsCleanTextUnchanged() {
		String text = "Mozilla/5.0 (X11; Linux x86_64)";

		assertThat(TextBounds.clean(text, 100)).isSameAs(text);
	}

	@Test
	void replacesControlCharactersAndLoneSurrogates() {
		assertThat(TextBounds.clean("a\u0000b\nc\u007fd\u0085e\uD800f", 100))
			.isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
	}

	@Test
	void truncatesWithoutSplittingACharacter() {
		assertThat(TextBounds.clean("abcdef", 3)).isEqualTo("abc");
		assertThat(TextBounds.clean("ab\uD83D\uDE00", 3)).isEqualTo("ab");
		assertThat(TextBounds.clean("ab\uD83D\uDE00", 4)).isEqualTo("ab\uD83D\uDE00");
	}

	@Test
	void keepsNull() {
		assertThat(TextBounds.clean(null, 3)).isNull();
	}

}

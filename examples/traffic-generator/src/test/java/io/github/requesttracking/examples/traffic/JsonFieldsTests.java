package io.github.requesttracking.examples.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFieldsTests {

	@Test
	void readsATopLevelStringField() {
		String json = "{\"id\": \"6f1c1d1e-0000-4000-8000-000000000001\",\"title\":\"Groceries\"}";

		assertThat(JsonFields.string(json, "id")).contains("6f1c1d1e-0000-4000-8000-000000000001");
		assertThat(JsonFields.string(json, "token")).isEmpty();
	}

	@Test
	void quotesQuotesBackslashesAndControlCharacters() {
		assertThat(JsonFields.quote("a\"b\\c\u0000d\n")).isEqualTo("\"a\\\"b\\\\c\\u0000d\\n\"");
	}

}

package io.github.requesttracking.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs every {@code ```sql} block of {@code docs/storage.md} against a seeded database,
 * so that the documented queries keep working as the schema changes.
 */
class StorageDocumentationTests {

	private static final Path DOCUMENT = Path.of("..", "docs", "storage.md");

	private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

	private static SeededDatabase seeded;

	@BeforeAll
	static void seed() throws SQLException {
		seeded = SeededDatabase.create("documentation");
		// Recent rows too, since the documented queries look at the last hours and days.
		seeded.execute("""
				INSERT INTO request_events (event_id, occurred_at, service, method, path, route, status_code,
				    duration_ms, sample_rate, user_id, country_code, city, browser_family, is_bot)
				SELECT gen_random_uuid(), now() - make_interval(mins => i), 'note-management', 'GET', '/notes/' || i,
				       '/notes/{id}', CASE WHEN i % 7 = 0 THEN 503 ELSE 200 END, 10 + i, 0.5,
				       CASE WHEN i % 3 = 0 THEN 'user-42' END, 'SE', 'Linköping', 'Firefox', false
				FROM generate_series(1, 50) AS i;
				SELECT tracking_refresh_rollups(now() - interval '2 hours', now());
				""");
	}

	@AfterAll
	static void drop() {
		seeded.close();
	}

	@Test
	void documentsAtLeastADozenQueries() throws IOException {
		assertThat(sqlBlocks()).hasSizeGreaterThanOrEqualTo(12);
	}

	@Test
	void runsEveryDocumentedQueryAsWritten() throws IOException, SQLException {
		List<String> failures = new ArrayList<>();
		try (Connection connection = seeded.database().connect()) {
			connection.setAutoCommit(false);
			for (String sql : sqlBlocks()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute(sql);
				}
				catch (SQLException ex) {
					failures.add(sql + "\n-> " + ex.getMessage());
				}
				finally {
					// Each block starts from the same data, whatever the previous one
					// changed.
					connection.rollback();
				}
			}
		}
		if (!failures.isEmpty()) {
			fail("Documented queries that fail:\n\n" + String.join("\n\n", failures));
		}
	}

	@Test
	void documentedQueriesFindTheRecentRows() throws SQLException {
		assertThat(seeded.rows("SELECT count(*) FROM tracking_traffic(now() - interval '1 day', now(), 'hour')"))
			.doesNotContain("0");
		assertThat(seeded.rows("SELECT count(*) FROM tracking_export_user('user-42')")).containsExactly("16");
	}

	private static List<String> sqlBlocks() throws IOException {
		Matcher matcher = SQL_BLOCK.matcher(Files.readString(DOCUMENT));
		List<String> blocks = new ArrayList<>();
		while (matcher.find()) {
			blocks.add(matcher.group(1).strip());
		}
		return blocks;
	}

}

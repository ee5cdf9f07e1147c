package io.github.requesttracking.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.requesttracking.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code request_events} as the end-to-end tests look at it: the columns they
 * check one by one, and the whole row as JSON text for searching every column at once.
 *
 * @param service the service column
 * @param method the method column
 * @param path the path column
 * @param route the route column
 * @param statusCode the status_code column
 * @param userId the user_id column
 * @param durationMs the duration_ms column
 * @param clientIp the client_ip column as text, without prefix length
 * @param userAgent the user_agent column
 * @param json every column of the row, rendered by PostgreSQL as JSON
 */
record StoredRow(String service, String method, String path, @Nullable String route, int statusCode,
		@Nullable String userId, double durationMs, @Nullable String clientIp, @Nullable String userAgent,
		String json) {

	private static final String QUERY = """
			SELECT service, method, path, route, status_code, user_id, duration_ms, host(client_ip),
			       user_agent, row_to_json(e)::text
			FROM request_events e
			WHERE user_agent = ?
			ORDER BY occurred_at""";

	/**
	 * Read the rows of requests sent with a given user agent.
	 * @param database the consumer's database
	 * @param userAgent the {@code User-Agent} the test sent
	 * @return the rows, oldest first
	 * @throws SQLException if the query fails
	 */
	static List<StoredRow> withUserAgent(TestDatabase database, String userAgent) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(QUERY)) {
			statement.setString(1, userAgent);
			List<StoredRow> rows = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					rows.add(new StoredRow(result.getString(1), result.getString(2), result.getString(3),
							result.getString(4), result.getInt(5), result.getString(6), result.getDouble(7),
							result.getString(8), result.getString(9), result.getString(10)));
				}
			}
			return rows;
		}
	}

	/**
	 * Read every row of the table as JSON text.
	 * @param database the consumer's database
	 * @return one JSON object per row
	 * @throws SQLException if the query fails
	 */
	static List<String> allAsJson(TestDatabase database) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT row_to_json(e)::text FROM request_events e");
				ResultSet result = statement.executeQuery()) {
			List<String> rows = new ArrayList<>();
			while (result.next()) {
				rows.add(result.getString(1));
			}
			return rows;
		}
	}

}

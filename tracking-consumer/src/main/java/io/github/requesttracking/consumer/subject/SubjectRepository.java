package io.github.requesttracking.consumer.subject;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Exports and erases a data subject through the SQL functions
 * {@code tracking_export_user} and {@code tracking_erase_user}, which also reach daily
 * tables that are being detached.
 */
class SubjectRepository {

	private final JdbcTemplate jdbcTemplate;

	SubjectRepository(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * Return every stored event of a user as a JSON document.
	 * @param userId the user id
	 * @return {@code {"userId": ..., "exportedAt": ..., "events": [...]}}, events oldest
	 * first with the column names of {@code request_events}
	 */
	String export(String userId) {
		// Limitation: the export is built as one JSON document in the database and in
		// memory, which suits users with up to some hundred thousand stored events, not
		// more.
		String json = this.jdbcTemplate.queryForObject("""
				SELECT jsonb_build_object('userId', ?::text, 'exportedAt', now(),
				    'events', coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.occurred_at, e.event_id), '[]'::jsonb))::text
				FROM tracking_export_user(?) e
				""", String.class, userId, userId);
		return (json != null) ? json : "{}";
	}

	/**
	 * Erase every stored event of a user and audit the erasure.
	 * @param userId the user id
	 * @param requestedBy who asked, recorded in the audit row
	 * @param reference the caller's reference for the request, or {@code null}
	 * @return the audit row id and how many rows were erased
	 */
	Erasure erase(String userId, String requestedBy, @Nullable String reference) {
		Erasure erasure = this.jdbcTemplate.queryForObject(
				"SELECT audit_id, rows_erased FROM tracking_erase_user(?, ?, ?::text)",
				(row, i) -> new Erasure(row.getLong(1), row.getLong(2)), userId, requestedBy, reference);
		if (erasure == null) {
			throw new IllegalStateException("tracking_erase_user returned no row");
		}
		return erasure;
	}

	/**
	 * The result of one erasure.
	 *
	 * @param auditId the id of the row in {@code tracking_erasure_audit}
	 * @param rowsErased how many stored events were erased
	 */
	record Erasure(long auditId, long rowsErased) {

	}

}

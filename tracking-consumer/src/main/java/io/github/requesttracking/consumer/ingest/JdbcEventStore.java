package io.github.requesttracking.consumer.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import io.github.requesttracking.consumer.enrichment.Enrichment;
import io.github.requesttracking.event.RequestEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stores rows with one statement per batch: every column is bound as one array and
 * {@code unnest} turns the arrays back into rows. A single statement is a single
 * transaction and reports exactly how many rows it inserted.
 */
class JdbcEventStore implements EventStore {

	private static final String INSERT = """
			insert into request_events (event_id, occurred_at, received_at, service, method, path, route,
			    query_params, client_ip, user_agent, referer, origin, user_id, status_code, duration_ms, sample_rate,
			    country_code, country, city, latitude, longitude, browser_family, browser_major, os_family,
			    device_class, is_bot)
			select * from unnest(?::uuid[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[],
			    ?::text[], ?::jsonb[], ?::inet[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::float8[],
			    ?::float8[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[], ?::text[],
			    ?::text[], ?::text[], ?::bool[])
			on conflict do nothing""";

	private final JdbcTemplate jdbcTemplate;

	JdbcEventStore(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@Override
	public int store(List<EventRow> rows) {
		return this.jdbcTemplate.update((connection) -> prepare(connection, rows));
	}

	private static PreparedStatement prepare(Connection connection, List<EventRow> rows) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(INSERT);
		Binder binder = new Binder(connection, statement, rows);
		binder.text((row) -> row.eventId().toString());
		binder.text((row) -> row.occurredAt().toString());
		binder.text((row) -> row.receivedAt().toString());
		binder.event(RequestEvent::service);
		binder.event(RequestEvent::method);
		binder.event(RequestEvent::path);
		binder.event(RequestEvent::route);
		binder.text(EventRow::queryParamsJson);
		binder.event(RequestEvent::clientIp);
		binder.event(RequestEvent::userAgent);
		binder.event(RequestEvent::referer);
		binder.event(RequestEvent::origin);
		binder.event(RequestEvent::userId);
		binder.array("int4", (row) -> row.event().statusCode());
		binder.array("float8", (row) -> row.event().durationMs());
		binder.array("float8", (row) -> row.event().sampleRate());
		binder.enrichment(Enrichment::countryCode);
		binder.enrichment(Enrichment::country);
		binder.enrichment(Enrichment::city);
		binder.array("float8", (row) -> row.enrichment().latitude());
		binder.array("float8", (row) -> row.enrichment().longitude());
		binder.enrichment(Enrichment::browserFamily);
		binder.enrichment(Enrichment::browserMajor);
		binder.enrichment(Enrichment::osFamily);
		binder.enrichment(Enrichment::deviceClass);
		binder.array("bool", (row) -> row.enrichment().bot());
		return statement;
	}

	/**
	 * Binds one array parameter per column, in order.
	 */
	private static final class Binder {

		private final Connection connection;

		private final PreparedStatement statement;

		private final List<EventRow> rows;

		private int index = 1;

		Binder(Connection connection, PreparedStatement statement, List<EventRow> rows) {
			this.connection = connection;
			this.statement = statement;
			this.rows = rows;
		}

		void event(Function<RequestEvent, @Nullable Object> column) throws SQLException {
			text((row) -> column.apply(row.event()));
		}

		void enrichment(Function<Enrichment, @Nullable Object> column) throws SQLException {
			text((row) -> column.apply(row.enrichment()));
		}

		void text(Function<EventRow, @Nullable Object> column) throws SQLException {
			array("text", column);
		}

		void array(String type, Function<EventRow, @Nullable Object> column) throws SQLException {
			Object[] values = new Object[this.rows.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = column.apply(this.rows.get(i));
			}
			this.statement.setArray(this.index++, this.connection.createArrayOf(type, values));
		}

	}

}

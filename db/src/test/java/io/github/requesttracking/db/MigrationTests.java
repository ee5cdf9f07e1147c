package io.github.requesttracking.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.github.requesttracking.testsupport.PostgresServer;
import io.github.requesttracking.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationTests {

	private TestDatabase database;

	@BeforeEach
	void migrate() {
		this.database = PostgresServer.get().createDatabase("migration");
		Flyway.configure()
			.dataSource(this.database.jdbcUrl(), this.database.username(), this.database.password())
			.load()
			.migrate();
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	@Test
	void createsThePartitionedTableWithTheContractColumnsFirst() throws SQLException {
		List<String> columns = query("SELECT column_name || ' ' || data_type FROM information_schema.columns "
				+ "WHERE table_name = 'request_events' ORDER BY ordinal_position");

		assertThat(columns).startsWith("event_id uuid", "occurred_at timestamp with time zone",
				"received_at timestamp with time zone", "service text", "method text", "path text", "route text",
				"query_params jsonb", "client_ip inet", "user_agent text", "referer text", "origin text",
				"user_id text", "status_code integer", "duration_ms double precision", "sample_rate double precision",
				"country_code text", "country text", "city text", "latitude double precision",
				"longitude double precision");
		assertThat(query("SELECT partstrat FROM pg_partitioned_table WHERE partrelid = 'request_events'::regclass"))
			.containsExactly("r");
	}

	@Test
	void createsDailyPartitionsAroundTodayAndNoDefaultPartition() throws SQLException {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);

		List<String> partitions = query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
				+ "WHERE i.inhparent = 'request_events'::regclass ORDER BY 1");

		assertThat(partitions).hasSize(9)
			.contains("request_events_p" + today.toString().replace("-", ""),
					"request_events_p" + today.plusDays(7).toString().replace("-", ""));
		assertThat(query("SELECT count(*) FROM pg_partitioned_table WHERE partdefid <> 0")).containsExactly("0");
	}

	@Test
	void ensurePartitionsIsIdempotentAndCountsWhatItCreated() throws SQLException {
		assertThat(query("SELECT tracking_ensure_partitions(current_date - 3, current_date + 7)")).containsExactly("2");
		assertThat(query("SELECT tracking_ensure_partitions(current_date - 3, current_date + 7)")).containsExactly("0");
	}

	@Test
	void primaryKeyRejectsTheSameEventTwice() throws SQLException {
		String insert = "INSERT INTO request_events (event_id, occurred_at, service, method, path, status_code, "
				+ "duration_ms) VALUES ('5b0f3f4e-8a53-4c69-9d53-2f3c1c3f0a11', date_trunc('hour', now()), 's', 'GET', '/', 200, 1.5)";
		execute(insert);

		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> execute(insert))
			.withMessageContaining("duplicate key");
		assertThat(query("SELECT count(*) FROM request_events")).containsExactly("1");
	}

	@Test
	void rejectsAnEventOutsideEveryPartition() {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> execute("INSERT INTO request_events (event_id, occurred_at, service, method, path, "
					+ "status_code, duration_ms) VALUES (gen_random_uuid(), now() - interval '400 days', 's', 'GET', "
					+ "'/', 200, 1)"))
			.withMessageContaining("no partition");
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private List<String> query(String sql) throws SQLException {
		try (Connection connection = this.database.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
	}

}

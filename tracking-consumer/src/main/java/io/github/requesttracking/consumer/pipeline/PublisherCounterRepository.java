package io.github.requesttracking.consumer.pipeline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.requesttracking.consumer.pipeline.PipelineReport.Publisher;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes and reads {@code publisher_counters}: upserts that keep the larger value of each
 * counter (so that several consumers, or a flush written twice, never lower one), and the
 * increase within a range through {@code tracking_publisher_totals}.
 */
class PublisherCounterRepository {

	private static final String UPSERT = """
			INSERT INTO publisher_counters AS c (bucket_start, service, instance_id, captured, published, confirmed,
			    sampled_out, dropped, last_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
			ON CONFLICT (service, instance_id, bucket_start) DO UPDATE
			SET captured = GREATEST(c.captured, excluded.captured),
			    published = GREATEST(c.published, excluded.published),
			    confirmed = GREATEST(c.confirmed, excluded.confirmed),
			    sampled_out = GREATEST(c.sampled_out, excluded.sampled_out),
			    dropped = tracking_greatest_counts(c.dropped, excluded.dropped),
			    last_seen = GREATEST(c.last_seen, excluded.last_seen)
			""";

	private static final Comparator<PublisherSnapshot> LOCK_ORDER = Comparator.comparing(PublisherSnapshot::service)
		.thenComparing(PublisherSnapshot::instance);

	private static final TypeReference<TreeMap<String, Long>> COUNTS = new TypeReference<>() {
	};

	private final JsonMapper json = JsonMapper.builder().build();

	private final JdbcTemplate jdbcTemplate;

	PublisherCounterRepository(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * Upsert counters into the row of the UTC minute of {@code now}.
	 * @param snapshots the counters
	 * @param now when they were seen
	 */
	void write(List<PublisherSnapshot> snapshots, Instant now) {
		// Rows in one order for every consumer, so that concurrent flushes cannot
		// deadlock.
		List<PublisherSnapshot> ordered = snapshots.stream().sorted(LOCK_ORDER).toList();
		OffsetDateTime seen = utc(now);
		OffsetDateTime bucket = utc(now.truncatedTo(ChronoUnit.MINUTES));
		this.jdbcTemplate.batchUpdate(UPSERT, ordered, ordered.size(), (statement, snapshot) -> {
			statement.setObject(1, bucket);
			statement.setString(2, snapshot.service());
			statement.setString(3, snapshot.instance());
			statement.setLong(4, snapshot.captured());
			statement.setLong(5, snapshot.published());
			statement.setLong(6, snapshot.confirmed());
			statement.setLong(7, snapshot.sampledOut());
			statement.setString(8, this.json.writeValueAsString(snapshot.dropped()));
			statement.setObject(9, seen);
		});
	}

	// Limitation: counters are kept per UTC minute of the flush, so a range end inside a
	// minute counts up to the end of that minute, and what an instance counted before its
	// first message is counted in the minute of that message.
	/**
	 * Return the increase of the counters within {@code [from, to)} per service.
	 * @param from the first instant, inclusive
	 * @param to the last instant, exclusive
	 * @param service the only service to answer for, or {@code null} for all
	 * @return one entry per service that reported within the range
	 */
	List<Publisher> totals(Instant from, Instant to, @Nullable String service) {
		return this.jdbcTemplate.query(
				"SELECT * FROM tracking_publisher_totals(?::timestamptz, ?::timestamptz, ?::text)",
				(row, i) -> new Publisher(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4),
						row.getLong(5), row.getLong(6), row.getLong(7), counts(row.getString(8)),
						row.getObject(9, OffsetDateTime.class).toInstant()),
				utc(from), utc(to), service);
	}

	/**
	 * Delete the counters older than a time, keeping the baselines still needed.
	 * @param before the cut-off
	 * @return the number of rows deleted
	 */
	long deleteExpired(Instant before) {
		Long deleted = this.jdbcTemplate.queryForObject(
				"SELECT tracking_delete_expired_publisher_counters(?::timestamptz)", Long.class, utc(before));
		return (deleted != null) ? deleted : 0;
	}

	private Map<String, Long> counts(@Nullable String json) {
		return (json != null) ? this.json.readValue(json, COUNTS) : Map.of();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}

package io.github.requesttracking.consumer.ingest;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes sure a daily partition exists for every day a batch writes to. Partitions are
 * normally created ahead by partition maintenance; an event from a day that has none
 * (older than the days created at start-up, for example) would otherwise fail. Each day
 * is checked once per process.
 */
class PartitionGuard {

	private final JdbcTemplate jdbcTemplate;

	private final Set<LocalDate> ensured = ConcurrentHashMap.newKeySet();

	PartitionGuard(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	void ensure(Collection<EventRow> rows) {
		Set<LocalDate> missing = new TreeSet<>();
		for (EventRow row : rows) {
			LocalDate day = LocalDate.ofInstant(row.occurredAt(), ZoneOffset.UTC);
			if (!this.ensured.contains(day)) {
				missing.add(day);
			}
		}
		for (LocalDate day : missing) {
			this.jdbcTemplate.queryForObject("select tracking_ensure_partitions(?, ?)", Integer.class, day, day);
			this.ensured.add(day);
		}
	}

	/**
	 * Forget which days were checked, after a partition was found missing.
	 */
	void forget() {
		this.ensured.clear();
	}

}

package io.github.requesttracking.consumer.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one partition maintenance run did.
 *
 * @param startedAt when the run started
 * @param acted whether this instance held the maintenance lock and did the work; false
 * when another instance was running it
 * @param created how many daily partitions were created
 * @param dropped the daily partitions that were detached (or whose detach was finished)
 * and dropped
 * @param failures how many steps failed, for example on a lock timeout; they are retried
 * on the next run
 * @param duration how long the run took
 */
record MaintenanceRun(Instant startedAt, boolean acted, int created, List<String> dropped, int failures,
		Duration duration) {

	MaintenanceRun {
		dropped = List.copyOf(dropped);
	}

	static MaintenanceRun skipped(Instant startedAt, Duration duration) {
		return new MaintenanceRun(startedAt, false, 0, List.of(), 0, duration);
	}

}

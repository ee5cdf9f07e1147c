package io.github.requesttracking.consumer.retention;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs partition maintenance on schedule, logs one summary per run and publishes the last
 * run as gauges: {@code tracking.retention.last.run.time} (epoch seconds),
 * {@code tracking.retention.last.run.partitions.created},
 * {@code tracking.retention.last.run.partitions.dropped},
 * {@code tracking.retention.last.run.failures} and
 * {@code tracking.retention.last.run.duration}; every run also counts in
 * {@code tracking.retention.runs} tagged with its outcome ({@code acted},
 * {@code skipped}, {@code failed}).
 */
class RetentionJob implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(RetentionJob.class);

	private final PartitionMaintenance maintenance;

	private final RetentionProperties properties;

	private final AtomicReference<@Nullable MaintenanceRun> lastRun = new AtomicReference<>();

	private final Counter acted;

	private final Counter skipped;

	private final Counter failed;

	RetentionJob(PartitionMaintenance maintenance, RetentionProperties properties, MeterRegistry registry) {
		this.maintenance = maintenance;
		this.properties = properties;
		Gauge.builder("tracking.retention.last.run.time", this.lastRun, (last) -> value(last.get(), Field.TIME))
			.description("When the last partition maintenance run of this instance started (epoch seconds)")
			.baseUnit("seconds")
			.register(registry);
		Gauge
			.builder("tracking.retention.last.run.partitions.created", this.lastRun,
					(last) -> value(last.get(), Field.CREATED))
			.description("Daily partitions created by the last partition maintenance run")
			.register(registry);
		Gauge
			.builder("tracking.retention.last.run.partitions.dropped", this.lastRun,
					(last) -> value(last.get(), Field.DROPPED))
			.description("Expired daily partitions dropped by the last partition maintenance run")
			.register(registry);
		Gauge.builder("tracking.retention.last.run.failures", this.lastRun, (last) -> value(last.get(), Field.FAILURES))
			.description("Steps of the last partition maintenance run that failed and will be retried")
			.register(registry);
		TimeGauge
			.builder("tracking.retention.last.run.duration", this.lastRun, TimeUnit.MILLISECONDS,
					(last) -> value(last.get(), Field.DURATION))
			.description("How long the last partition maintenance run took")
			.register(registry);
		this.acted = runs(registry, "acted");
		this.skipped = runs(registry, "skipped");
		this.failed = runs(registry, "failed");
	}

	private static Counter runs(MeterRegistry registry, String outcome) {
		return Counter.builder("tracking.retention.runs")
			.description("Partition maintenance runs by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	public void run() {
		try {
			MaintenanceRun run = this.maintenance.run();
			if (!run.acted()) {
				this.skipped.increment();
				return;
			}
			this.acted.increment();
			this.lastRun.set(run);
			logger.info(
					"Partition maintenance of 'request_events' created {} and dropped {} partitions {} in {} ms "
							+ "(keeping {} days, {} days ahead, {} failures)",
					run.created(), run.dropped().size(), run.dropped(), run.duration().toMillis(),
					this.properties.period().toDays(), this.properties.ahead().toDays(), run.failures());
		}
		catch (Exception ex) {
			this.failed.increment();
			logger.warn("Partition maintenance of 'request_events' failed; retrying in {}", this.properties.interval(),
					ex);
		}
	}

	/**
	 * Return the last run in which this instance did the work.
	 * @return the run, or {@code null} before the first one
	 */
	@Nullable MaintenanceRun lastRun() {
		return this.lastRun.get();
	}

	private static double value(@Nullable MaintenanceRun run, Field field) {
		if (run == null) {
			return Double.NaN;
		}
		return switch (field) {
			case TIME -> run.startedAt().toEpochMilli() / 1000.0;
			case CREATED -> run.created();
			case DROPPED -> run.dropped().size();
			case FAILURES -> run.failures();
			case DURATION -> run.duration().toNanos() / 1_000_000.0;
		};
	}

	private enum Field {

		TIME, CREATED, DROPPED, FAILURES, DURATION

	}

}

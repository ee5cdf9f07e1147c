package io.github.requesttracking.consumer.analytics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.requesttracking.consumer.analytics.RollupRefresher.RollupRefresh;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rollup refresh on schedule, logs one summary per refresh and publishes the
 * last one as gauges ({@code tracking.rollup.last.run.time} in epoch seconds,
 * {@code tracking.rollup.last.run.rows.written},
 * {@code tracking.rollup.last.run.rows.deleted},
 * {@code tracking.rollup.last.run.duration}) and failures as the counter
 * {@code tracking.rollup.failures}.
 */
class RollupJob implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(RollupJob.class);

	private final RollupRefresher refresher;

	private final AtomicReference<@Nullable RollupRefresh> last = new AtomicReference<>();

	private final Counter failures;

	RollupJob(RollupRefresher refresher, MeterRegistry registry) {
		this.refresher = refresher;
		Gauge
			.builder("tracking.rollup.last.run.time", this.last,
					(last) -> value(last.get(), (run) -> run.startedAt().toEpochMilli() / 1000.0))
			.description("When the last rollup refresh of this instance started (epoch seconds)")
			.baseUnit("seconds")
			.register(registry);
		Gauge
			.builder("tracking.rollup.last.run.rows.written", this.last,
					(last) -> value(last.get(), (run) -> run.written()))
			.description("Rollup rows written by the last refresh")
			.register(registry);
		Gauge
			.builder("tracking.rollup.last.run.rows.deleted", this.last,
					(last) -> value(last.get(), (run) -> run.deleted()))
			.description("Expired rollup rows deleted by the last refresh")
			.register(registry);
		TimeGauge
			.builder("tracking.rollup.last.run.duration", this.last, TimeUnit.MILLISECONDS,
					(last) -> value(last.get(), (run) -> run.duration().toNanos() / 1_000_000.0))
			.description("How long the last rollup refresh took")
			.register(registry);
		this.failures = Counter.builder("tracking.rollup.failures")
			.description("Rollup refreshes that failed")
			.register(registry);
	}

	@Override
	public void run() {
		try {
			RollupRefresh refresh = this.refresher.refresh();
			if (refresh.acted()) {
				this.last.set(refresh);
				logger.info("Rollup refresh wrote {} and deleted {} expired rows in {} ms", refresh.written(),
						refresh.deleted(), refresh.duration().toMillis());
			}
		}
		catch (Exception ex) {
			this.failures.increment();
			logger.warn("Rollup refresh failed; retrying on the next run", ex);
		}
	}

	private static double value(@Nullable RollupRefresh refresh, ToDouble function) {
		return (refresh != null) ? function.apply(refresh) : Double.NaN;
	}

	@FunctionalInterface
	private interface ToDouble {

		double apply(RollupRefresh refresh);

	}

}

package io.github.requesttracking.consumer.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;

/**
 * Writes the publisher counters that changed to the database on a fixed delay, and once
 * more at shutdown; about once an hour it also deletes counters older than the rollup
 * retention. A failed write keeps the counters for the next run: the database sees the
 * newest values whenever it is back.
 */
class PublisherCounterFlusher implements Runnable, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(PublisherCounterFlusher.class);

	private static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);

	private final PublisherCounters counters;

	private final PublisherCounterRepository repository;

	private final Duration retention;

	private final Clock clock;

	private @Nullable Instant lastExpiry;

	private boolean failing;

	PublisherCounterFlusher(PublisherCounters counters, PublisherCounterRepository repository, Duration retention,
			Clock clock) {
		this.counters = counters;
		this.repository = repository;
		this.retention = retention;
		this.clock = clock;
	}

	@Override
	public synchronized void run() {
		Instant now = this.clock.instant();
		List<PublisherSnapshot> changed = this.counters.changed();
		try {
			if (!changed.isEmpty()) {
				this.repository.write(changed, now);
				logger.debug("Wrote the counters of {} publisher instances", changed.size());
			}
			expireHourly(now);
			if (this.failing) {
				this.failing = false;
				logger.info("Publisher counters are written to the database again");
			}
		}
		catch (DataAccessException ex) {
			this.counters.unwritten(changed);
			if (!this.failing) {
				this.failing = true;
				logger.warn("Could not write publisher counters; they are kept and written on a later run", ex);
			}
			else {
				logger.debug("Still cannot write publisher counters", ex);
			}
		}
	}

	private void expireHourly(Instant now) {
		if (this.lastExpiry != null && Duration.between(this.lastExpiry, now).compareTo(EXPIRY_INTERVAL) < 0) {
			return;
		}
		long deleted = this.repository.deleteExpired(now.minus(this.retention));
		this.lastExpiry = now;
		if (deleted > 0) {
			logger.info("Deleted {} publisher counter rows older than {}", deleted, this.retention);
		}
	}

	@Override
	public void destroy() {
		run();
	}

}

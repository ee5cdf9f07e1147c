package io.github.requesttracking.consumer.ingest;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A circuit breaker around every database call of the ingest path. A database outage
 * opens it, which stops the consumers: the unacknowledged messages return to the queue
 * and nothing is dead-lettered. After the probe interval a {@code select 1} is tried;
 * when it succeeds the breaker closes and the consumers start again. Only outages count
 * as failures; a failure caused by the data leaves the breaker alone.
 */
class DatabaseCircuit implements DisposableBean {

	static final String NAME = "tracking-database";

	private static final Logger logger = LoggerFactory.getLogger(DatabaseCircuit.class);

	private final CircuitBreaker circuitBreaker;

	private final JdbcTemplate jdbcTemplate;

	private final ExecutorService control = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "tracking-database-circuit");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable MessageListenerContainer container;

	private volatile @Nullable Throwable lastOutage;

	DatabaseCircuit(CircuitBreakerRegistry registry, ConsumerProperties properties, JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
		// Limitation: the first outage error opens the breaker, so even one dropped
		// connection pauses consumption for one probe interval; a hung database is only
		// noticed through the driver's timeouts (set socketTimeout on the JDBC URL).
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindow(1, 1, SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(100)
			.permittedNumberOfCallsInHalfOpenState(1)
			.waitDurationInOpenState(properties.outage().probeInterval())
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.recordException(DatabaseOutages::isOutage)
			.build();
		this.circuitBreaker = registry.circuitBreaker(NAME, config);
		this.circuitBreaker.getEventPublisher().onStateTransition(this::onStateTransition);
	}

	/**
	 * Let the breaker stop and start the given consumers.
	 * @param container the consumers of the work queue
	 */
	void control(MessageListenerContainer container) {
		this.container = container;
	}

	/**
	 * Run a database call through the breaker.
	 * @param <T> the result type
	 * @param call the call
	 * @return the call's result
	 * @throws DatabaseUnavailableException when the database is unavailable or the
	 * breaker is open
	 */
	<T> T call(Supplier<T> call) {
		try {
			return this.circuitBreaker.executeSupplier(call);
		}
		catch (CallNotPermittedException ex) {
			throw new DatabaseUnavailableException("Consumption is paused while the database is unavailable", ex);
		}
		catch (RuntimeException ex) {
			if (DatabaseOutages.isOutage(ex)) {
				this.lastOutage = ex;
				throw new DatabaseUnavailableException("The database is unavailable", ex);
			}
			throw ex;
		}
	}

	/**
	 * Whether consumption is paused because of a database outage.
	 * @return {@code true} while paused
	 */
	boolean isPaused() {
		return this.circuitBreaker.getState() != State.CLOSED;
	}

	private void onStateTransition(CircuitBreakerOnStateTransitionEvent event) {
		switch (event.getStateTransition()) {
			case CLOSED_TO_OPEN -> this.control.execute(this::pause);
			case OPEN_TO_HALF_OPEN -> this.control.execute(this::probe);
			case HALF_OPEN_TO_CLOSED -> this.control.execute(this::resume);
			default -> logger.debug("Database circuit {}", event.getStateTransition());
		}
	}

	private void pause() {
		Throwable outage = this.lastOutage;
		logger.info("Paused consumption: the database is unavailable ({}); probing every {}",
				(outage != null) ? rootMessage(outage) : "unknown cause",
				this.circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1) + " ms");
		MessageListenerContainer container = this.container;
		if (container != null) {
			container.stop();
		}
	}

	private void probe() {
		try {
			this.circuitBreaker.executeRunnable(() -> this.jdbcTemplate.execute("select 1"));
		}
		catch (RuntimeException ex) {
			logger.debug("Database still unavailable", ex);
		}
	}

	private void resume() {
		MessageListenerContainer container = this.container;
		if (container != null) {
			container.start();
		}
		logger.info("Resumed consumption: the database answers again");
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	@Override
	public void destroy() {
		this.control.shutdownNow();
	}

}

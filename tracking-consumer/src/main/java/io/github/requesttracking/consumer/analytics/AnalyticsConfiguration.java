package io.github.requesttracking.consumer.analytics;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The analytics API's repository and, unless
 * {@code tracking.consumer.analytics.rollup.enabled} is false, the scheduled rollup
 * refresh. Times come from the application's {@link Clock} bean when there is one.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(AnalyticsProperties.class)
class AnalyticsConfiguration implements SchedulingConfigurer {

	private final AnalyticsProperties properties;

	private final ObjectProvider<RollupJob> job;

	AnalyticsConfiguration(AnalyticsProperties properties, ObjectProvider<RollupJob> job) {
		this.properties = properties;
		this.job = job;
	}

	@Bean
	AnalyticsRepository analyticsRepository(JdbcTemplate jdbcTemplate) {
		return new AnalyticsRepository(jdbcTemplate);
	}

	@Bean
	RollupJob rollupJob(DataSource dataSource, ObjectProvider<Clock> clock, MeterRegistry meterRegistry) {
		return new RollupJob(
				new RollupRefresher(dataSource, this.properties.rollup(), clock.getIfAvailable(Clock::systemUTC)),
				meterRegistry);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		AnalyticsProperties.Rollup rollup = this.properties.rollup();
		if (rollup.enabled()) {
			registrar
				.addFixedDelayTask(new FixedDelayTask(this.job.getObject(), rollup.interval(), rollup.initialDelay()));
		}
	}

}

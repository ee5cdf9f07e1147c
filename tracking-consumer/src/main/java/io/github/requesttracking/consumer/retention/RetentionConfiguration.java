package io.github.requesttracking.consumer.retention;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Schedules partition maintenance at start-up and then every
 * {@code tracking.consumer.retention.interval}, unless
 * {@code tracking.consumer.retention.enabled} is false. The date comes from the
 * application's {@link Clock} bean when there is one, otherwise from the system clock in
 * UTC.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(RetentionProperties.class)
@ConditionalOnBooleanProperty(name = "tracking.consumer.retention.enabled", matchIfMissing = true)
class RetentionConfiguration implements SchedulingConfigurer {

	private final ObjectProvider<RetentionJob> job;

	private final RetentionProperties properties;

	RetentionConfiguration(ObjectProvider<RetentionJob> job, RetentionProperties properties) {
		this.job = job;
		this.properties = properties;
	}

	@Bean
	PartitionMaintenance partitionMaintenance(DataSource dataSource, ObjectProvider<Clock> clock) {
		return new PartitionMaintenance(dataSource, this.properties, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	RetentionJob retentionJob(PartitionMaintenance partitionMaintenance, MeterRegistry meterRegistry) {
		return new RetentionJob(partitionMaintenance, this.properties, meterRegistry);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(
				new FixedDelayTask(this.job.getObject(), this.properties.interval(), this.properties.initialDelay()));
	}

}

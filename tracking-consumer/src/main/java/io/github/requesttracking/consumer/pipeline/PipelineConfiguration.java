package io.github.requesttracking.consumer.pipeline;

import java.time.Clock;

import io.github.requesttracking.consumer.analytics.AnalyticsProperties;
import io.github.requesttracking.consumer.topology.IngestTopology;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Wires the publisher counters (applied by the ingest container to every message), their
 * flush every {@code tracking.consumer.pipeline.flush-interval}, and the pipeline health
 * answer. Counters are kept as long as the rollups
 * ({@code tracking.consumer.analytics.rollup.retention}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PipelineProperties.class)
class PipelineConfiguration implements SchedulingConfigurer {

	private final PipelineProperties properties;

	private final ObjectProvider<PublisherCounterFlusher> flusher;

	PipelineConfiguration(PipelineProperties properties, ObjectProvider<PublisherCounterFlusher> flusher) {
		this.properties = properties;
		this.flusher = flusher;
	}

	@Bean
	PublisherCounters publisherCounters() {
		return new PublisherCounters();
	}

	@Bean
	PublisherCounterRepository publisherCounterRepository(JdbcTemplate jdbcTemplate) {
		return new PublisherCounterRepository(jdbcTemplate);
	}

	@Bean
	PublisherCounterFlusher publisherCounterFlusher(PublisherCounters counters, PublisherCounterRepository repository,
			AnalyticsProperties analytics, ObjectProvider<Clock> clock) {
		return new PublisherCounterFlusher(counters, repository, analytics.rollup().retention(),
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	PipelineHealth pipelineHealth(PublisherCounterRepository repository, AmqpAdmin admin, IngestTopology topology) {
		return new PipelineHealth(repository, new BrokerQueues(admin, topology));
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this.flusher.getObject(), this.properties.flushInterval(),
				this.properties.flushInterval()));
	}

}

package io.github.requesttracking.consumer.ingest;

import java.time.Clock;

import io.github.requesttracking.consumer.deadletter.DeadLetterPublisher;
import io.github.requesttracking.consumer.enrichment.EventEnricher;
import io.github.requesttracking.consumer.pipeline.PublisherCounters;
import io.github.requesttracking.consumer.topology.IngestTopology;
import io.github.requesttracking.event.RequestEventCodec;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires the ingest path: the consumers of the work queue, the store and the database
 * circuit breaker.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	EventStore eventStore(ConsumerProperties properties, ObjectProvider<EntityManagerFactory> entityManagerFactory,
			JdbcTemplate jdbcTemplate) {
		return switch (properties.store()) {
			case JPA -> new JpaEventStore(entityManagerFactory.getObject());
			case JDBC -> new JdbcEventStore(jdbcTemplate);
		};
	}

	@Bean
	DatabaseCircuit databaseCircuit(CircuitBreakerRegistry registry, ConsumerProperties properties,
			JdbcTemplate jdbcTemplate) {
		return new DatabaseCircuit(registry, properties, jdbcTemplate);
	}

	@Bean
	IngestListener ingestListener(EventStore store, JdbcTemplate jdbcTemplate, DatabaseCircuit circuit,
			DeadLetterPublisher deadLetters, MeterRegistry meterRegistry, ConsumerProperties properties,
			ObjectProvider<EventEnricher> enricher, ObjectProvider<Clock> clock) {
		return new IngestListener(new RequestEventCodec(), enricher.getIfAvailable(EventEnricher::none), store,
				new PartitionGuard(jdbcTemplate), circuit, deadLetters, new IngestMetrics(meterRegistry),
				properties.validation(), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	SimpleMessageListenerContainer ingestContainer(ConnectionFactory connectionFactory, IngestTopology topology,
			ConsumerProperties properties, IngestListener listener, DatabaseCircuit circuit,
			ObjectProvider<PublisherCounters> publisherCounters) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueueNames(topology.queue());
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setPrefetchCount(properties.prefetch());
		container.setConsumerBatchEnabled(true);
		container.setBatchSize(properties.batchSize());
		container.setBatchReceiveTimeout(properties.batchTimeout().toMillis());
		container.setConcurrentConsumers(properties.concurrency());
		container.setForceStop(true);
		container.setMessageListener(listener);
		// Reads the publishers' counter headers of each message; no database work.
		publisherCounters.ifAvailable(container::addAfterReceivePostProcessors);
		circuit.control(container);
		return container;
	}

}

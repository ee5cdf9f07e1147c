package io.github.requesttracking.consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The consumer service: reads tracked requests from RabbitMQ, enriches them and stores
 * them in PostgreSQL, running the {@code tracking-db} migrations at start-up.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TrackingConsumerApplication {

	/**
	 * Start the consumer.
	 * @param args command line arguments, passed to Spring Boot
	 */
	public static void main(String[] args) {
		SpringApplication.run(TrackingConsumerApplication.class, args);
	}

}

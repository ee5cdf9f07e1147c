package io.github.requesttracking.examples.notes;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Entry point of the note management example service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NoteManagementApplication {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Start the service.
	 * @param args command line arguments, passed to Spring Boot
	 */
	public static void main(String[] args) {
		SpringApplication.run(NoteManagementApplication.class, args);
	}

}

package io.github.requesttracking.examples.users;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Entry point of the user management example service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UserManagementApplication {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Start the service.
	 * @param args command line arguments, passed to Spring Boot
	 */
	public static void main(String[] args) {
		SpringApplication.run(UserManagementApplication.class, args);
	}

}

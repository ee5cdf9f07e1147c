package io.github.requesttracking.examples.users;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the user management example service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UserManagementApplication {

	/**
	 * Start the service.
	 * @param args command line arguments, passed to Spring Boot
	 */
	public static void main(String[] args) {
		SpringApplication.run(UserManagementApplication.class, args);
	}

}

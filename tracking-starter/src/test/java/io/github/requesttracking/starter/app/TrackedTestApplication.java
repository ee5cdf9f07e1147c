package io.github.requesttracking.starter.app;

import java.util.concurrent.Callable;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small secured web application that uses the starter, for integration tests.
 */
@SpringBootApplication
public class TrackedTestApplication {

	/**
	 * User name of the test user.
	 */
	public static final String USER = "alice";

	/**
	 * Password of the test user.
	 */
	public static final String PASSWORD = "correct-horse-battery";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.csrf((csrf) -> csrf.disable())
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/api/private/**").authenticated().anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(
				User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
	}

	@RestController
	static class Endpoints {

		@GetMapping("/api/items/{id}")
		String item(@PathVariable String id) {
			return "item";
		}

		@PostMapping("/api/items")
		ResponseEntity<String> create() {
			return ResponseEntity.status(HttpStatus.CREATED).body("created");
		}

		@GetMapping("/api/private/me")
		String me(java.security.Principal principal) {
			return principal.getName();
		}

		@GetMapping("/api/fail")
		String fail() {
			throw new IllegalStateException("Failing on purpose");
		}

		@GetMapping("/api/async")
		Callable<String> async() {
			return () -> "later";
		}

		@GetMapping("/api/status/{code}")
		ResponseEntity<String> status(@PathVariable int code) {
			return ResponseEntity.status(code).body("status");
		}

		@GetMapping("/api/redirect")
		ResponseEntity<Void> redirect() {
			return ResponseEntity.status(HttpStatus.FOUND).header("Location", "/api/items/1").build();
		}

		@GetMapping("/health")
		String health() {
			return "ok";
		}

	}

}

package io.github.requesttracking.consumer.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP basic authentication: {@code /admin/**} for admins, analytics and the dashboard
 * for viewers and admins, health, info and Prometheus open, everything else denied.
 * <p>
 * The read-only dashboard and analytics paths keep the authenticated user in a session,
 * so that a page which makes a dozen calls checks the password (a deliberately slow hash)
 * once rather than on every call. The admin paths, which change data, stay stateless:
 * every call carries its credentials and no cookie a forged request could ride on reaches
 * them.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String ADMIN = "ADMIN";

	static final String VIEWER = "VIEWER";

	@Bean
	@Order(1)
	SecurityFilterChain viewerSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/analytics/**", "/dashboard/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAnyRole(VIEWER, ADMIN))
			.httpBasic(Customizer.withDefaults())
			// Only GET is served here; CSRF protection stays on for anything else.
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			// The error page of a request that was already authorized (so that an unknown
			// path under /api/analytics answers 404, not 403).
			.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
			.permitAll()
			.requestMatchers("/admin/**")
			.hasRole(ADMIN)
			.anyRequest()
			.denyAll())
			.httpBasic(Customizer.withDefaults())
			// Stateless basic authentication sends no cookie a forged request could ride
			// on.
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	UserDetailsService userDetailsService(SecurityProperties properties) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		List<UserDetails> users = new ArrayList<>();
		addUser(users, properties.admin(), ADMIN, encoder);
		addUser(users, properties.viewer(), VIEWER, encoder);
		return new InMemoryUserDetailsManager(users);
	}

	private static void addUser(List<UserDetails> users, SecurityProperties.User user, String role,
			PasswordEncoder encoder) {
		String password = user.password();
		if (password == null || password.isEmpty()) {
			return;
		}
		String encoded = password.startsWith("{") ? password : encoder.encode(password);
		String username = (user.username() != null) ? user.username() : role.toLowerCase(Locale.ROOT);
		users.add(User.withUsername(username).password(encoded).roles(role).build());
	}

}

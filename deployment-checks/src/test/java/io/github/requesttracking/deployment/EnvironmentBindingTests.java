package io.github.requesttracking.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every variable the compose file sets for an application is one that application reads:
 * it binds, by Spring Boot's relaxed rules for the operating system environment, to a
 * property documented in the configuration metadata shipped inside its runnable jar.
 */
class EnvironmentBindingTests {

	private final ComposeFile compose = ComposeFile.load();

	@Test
	void everyVariableSetForAnApplicationBindsToAPropertyItReads() {
		List<String> unbound = new ArrayList<>();
		List<String> bound = new ArrayList<>();
		for (String service : this.compose.serviceNames()) {
			if (!this.compose.image(service).startsWith("request-tracking/")) {
				continue;
			}
			ApplicationProperties properties = ApplicationProperties.of(runnableJarOf(service));
			this.compose.environment(service)
				.forEach((variable, value) -> properties.propertySetBy(variable, value)
					.ifPresentOrElse((property) -> bound.add(service + ": " + variable + " -> " + property),
							() -> unbound.add(service + ": " + variable)));
		}

		assertThat(unbound).as("variables that no property of their service reads").isEmpty();
		assertThat(bound).contains("consumer-1: SPRING_DATASOURCE_URL -> spring.datasource.url",
				"consumer-2: TRACKING_CONSUMER_GEOIP_DATABASE -> tracking.consumer.geoip.database",
				"user-management: EXAMPLES_SECURITY_JWT_SECRET -> examples.security.jwt-secret",
				"note-management: TRACKING_CLIENTIP_TRUSTEDPROXIES -> tracking.client-ip.trusted-proxies");
	}

	@Test
	void misspelledVariableBindsToNoProperty() {
		ApplicationProperties consumer = ApplicationProperties.of(runnableJarOf("consumer-1"));

		assertThat(consumer.size()).isGreaterThan(100);
		assertThat(consumer.propertySetBy("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres/x"))
			.contains("spring.datasource.url");
		assertThat(consumer.propertySetBy("SPRING_DATASOURCE_URLL", "jdbc:postgresql://postgres/x")).isEmpty();
		assertThat(consumer.propertySetBy("TRACKING_CONSUMER_GEOIP_DATABSE", "/var/lib/geoip/x.mmdb")).isEmpty();
	}

	@Test
	void applicationOnlyBindsPropertiesOfItsOwnClasspath() {
		ApplicationProperties consumer = ApplicationProperties.of(runnableJarOf("consumer-1"));
		ApplicationProperties users = ApplicationProperties.of(runnableJarOf("user-management"));

		assertThat(users.propertySetBy("EXAMPLES_SECURITY_JWT_SECRET", "secret"))
			.contains("examples.security.jwt-secret");
		assertThat(consumer.propertySetBy("EXAMPLES_SECURITY_JWT_SECRET", "secret")).isEmpty();
	}

	private Path runnableJarOf(String service) {
		String image = this.compose.image(service);
		String jar = this.compose.serviceNames()
			.stream()
			.filter((candidate) -> this.compose.image(candidate).equals(image))
			.flatMap((candidate) -> this.compose.build(candidate).stream())
			.map((build) -> build.args().get("JAR_FILE"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No service builds the image " + image + " of " + service));
		return Repository.file(jar);
	}

}

package io.github.requesttracking.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file is valid Compose, takes every credential from the environment file,
 * and starts nothing before what it needs.
 */
class ComposeFileTests {

	private static final Pattern CREDENTIAL = Pattern.compile(".*(PASSWORD|_PASS|SECRET|LICENSE_KEY)$");

	private static final JsonSchema COMPOSE_SPECIFICATION = loadSchema();

	private final ComposeFile compose = ComposeFile.load();

	private static JsonSchema loadSchema() {
		// Loaded by location: the schema's relative $id resolves against it.
		return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
			.getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
	}

	private static Set<ValidationMessage> violations(Object model) {
		JsonNode document = new ObjectMapper().valueToTree(model);
		return COMPOSE_SPECIFICATION.validate(document);
	}

	@Test
	void conformsToTheComposeSpecification() {
		assertThat(violations(this.compose.model())).isEmpty();
	}

	@Test
	void specificationRejectsAServiceWithAnUnknownKey() {
		Object broken = ComposeFile.parse("""
				services:
				  consumer:
				    image: example
				    depends_on_healthy: postgres
				""");

		assertThat(violations(broken)).extracting(ValidationMessage::getMessage)
			.anySatisfy((message) -> assertThat(message).contains("depends_on_healthy"));
	}

	@Test
	void everyVariableItUsesIsDocumentedInTheEnvironmentExample() {
		EnvironmentFile example = EnvironmentFile.parse(Repository.read(ComposeFile.ENVIRONMENT_EXAMPLE));

		assertThat(example.values().keySet()).containsAll(Interpolation.references(this.compose.text()));
	}

	@Test
	void credentialsAreRequiredFromTheEnvironmentFileWithoutDefaults() {
		List<Interpolation.Expression> credentials = Interpolation.expressions(this.compose.text())
			.stream()
			.filter((expression) -> CREDENTIAL.matcher(expression.name()).matches())
			.toList();

		assertThat(credentials).isNotEmpty().allSatisfy((expression) -> {
			boolean emptyDefault = expression.operator().equals(":-") && expression.argument().isEmpty();
			assertThat(expression.required() || emptyDefault).as("%s has a default value", expression.name()).isTrue();
		});
	}

	@Test
	void credentialsInServiceEnvironmentsComeFromVariables() {
		Map<String, Object> raw = ComposeFile.asMap(ComposeFile.parse(this.compose.text()));
		List<String> literals = new ArrayList<>();
		ComposeFile.asMap(raw.get("services")).forEach((service, definition) -> {
			Object environment = ComposeFile.asMap(definition).get("environment");
			if (environment instanceof Map<?, ?> variables) {
				variables.forEach((name, value) -> {
					if (CREDENTIAL.matcher(String.valueOf(name)).matches() && !String.valueOf(value).startsWith("${")) {
						literals.add(service + "." + name);
					}
				});
			}
		});

		assertThat(literals).isEmpty();
	}

	@Test
	void developmentDefaultsOfTheEnvironmentExampleAreMarkedAsSuch() {
		EnvironmentFile example = EnvironmentFile.parse(Repository.read(ComposeFile.ENVIRONMENT_EXAMPLE));

		example.values().forEach((name, value) -> {
			if (CREDENTIAL.matcher(name).matches() && !value.isEmpty()) {
				assertThat(value).as(name).startsWith("dev-only-");
				assertThat(example.commentsAbove(name)).as(name)
					.anySatisfy((comment) -> assertThat(comment).contains("LOCAL DEVELOPMENT DEFAULT"));
			}
		});
	}

	@Test
	void brokerReplacesTheGuestAccount() {
		Map<String, String> broker = this.compose.environment("rabbitmq");

		assertThat(broker).containsKeys("RABBITMQ_DEFAULT_USER", "RABBITMQ_DEFAULT_PASS");
		assertThat(broker.get("RABBITMQ_DEFAULT_USER")).isNotBlank().isNotEqualToIgnoringCase("guest");
		assertThat(this.compose.serviceNames())
			.allSatisfy((service) -> assertThat(this.compose.environment(service).values())
				.noneSatisfy((value) -> assertThat(value).isEqualToIgnoringCase("guest")));
	}

	@Test
	void everyDependencyWaitsForHealthOrCompletion() {
		List<String> dependencies = new ArrayList<>();
		for (String service : this.compose.serviceNames()) {
			Object dependsOn = this.compose.service(service).get("depends_on");
			assertThat(dependsOn).as("%s lists its dependencies with conditions", service)
				.satisfiesAnyOf((value) -> assertThat(value).isNull(),
						(value) -> assertThat(value).isInstanceOf(Map.class));
			if (dependsOn != null) {
				ComposeFile.asMap(dependsOn).forEach((dependency, settings) -> {
					String condition = String.valueOf(ComposeFile.asMap(settings).get("condition"));
					assertThat(condition).as("%s -> %s", service, dependency)
						.isIn("service_healthy", "service_completed_successfully");
					if (condition.equals("service_healthy")) {
						assertThat(this.compose.service(dependency)).as("%s has a health check", dependency)
							.containsKey("healthcheck");
					}
					dependencies.add(service + " -> " + dependency);
				});
			}
		}

		assertThat(dependencies).contains("consumer-1 -> postgres", "consumer-1 -> rabbitmq",
				"consumer-1 -> geoipupdate", "user-management -> consumer-1", "note-management -> consumer-1");
	}

	@Test
	void runsTwoConsumerReplicasOfOneImage() {
		List<String> consumers = this.compose.serviceNames()
			.stream()
			.filter((service) -> this.compose.image(service).contains("tracking-consumer"))
			.toList();

		assertThat(consumers).hasSize(2);
		assertThat(consumers).map(this.compose::image).containsOnly(this.compose.image(consumers.get(0)));
	}

	@Test
	void publishedPortsListenOnLoopbackOnly() {
		for (String service : this.compose.serviceNames()) {
			Object ports = this.compose.service(service).get("ports");
			if (ports instanceof List<?> list) {
				assertThat(list).as(service)
					.allSatisfy((port) -> assertThat(String.valueOf(port)).startsWith("127.0.0.1:"));
			}
		}
	}

	@Test
	void consumersReadTheGeoIpDatabaseFromAReadOnlyMount() {
		for (String service : this.compose.serviceNames()) {
			String database = this.compose.environment(service).get("TRACKING_CONSUMER_GEOIP_DATABASE");
			if (database != null) {
				String directory = database.substring(0, database.lastIndexOf('/'));
				assertThat(this.compose.service(service).get("volumes")).as(service)
					.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
					.anySatisfy((volume) -> assertThat(String.valueOf(volume)).endsWith(":" + directory + ":ro"));
			}
		}
	}

}

package io.github.requesttracking.deployment;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration reference of the operator's guide lists exactly the properties that
 * the starter and the consumer document in their configuration metadata.
 */
class OperatorsGuideTests {

	private static final String GUIDE = "docs/operations.md";

	private static final Pattern MENTIONED_PROPERTY = Pattern.compile("`(tracking\\.[a-z0-9.-]+)`");

	private final String guide = configurationReference(Repository.read(GUIDE));

	private final ComposeFile compose = ComposeFile.load();

	@Test
	void referenceListsEveryStarterAndConsumerProperty() {
		List<String> missing = documented().stream().filter((name) -> !this.guide.contains("`" + name + "`")).toList();

		assertThat(missing).as("properties to add to the configuration reference of %s", GUIDE).isEmpty();
	}

	@Test
	void referenceNamesNoPropertyThatDoesNotExist() {
		Set<String> documented = Set.copyOf(documented());
		Set<String> mentioned = MENTIONED_PROPERTY.matcher(this.guide)
			.results()
			.map((result) -> result.group(1))
			.filter((name) -> !name.endsWith("."))
			.collect(Collectors.toSet());

		assertThat(mentioned).isNotEmpty()
			.allSatisfy((name) -> assertThat(documented).as("%s names a property that is not in the metadata", GUIDE)
				.contains(name));
	}

	// Only the reference section is checked, so that other sections may name meters that
	// look like properties.
	private static String configurationReference(String guide) {
		int start = guide.indexOf("\n## Configuration reference");
		assertThat(start).as("%s has a section 'Configuration reference'", GUIDE).isNotNegative();
		int end = guide.indexOf("\n## ", start + 1);
		return guide.substring(start, (end >= 0) ? end : guide.length());
	}

	private List<String> documented() {
		List<String> consumer = ApplicationProperties.of(runnableJar("consumer-1"))
			.namesStartingWith("tracking.consumer.");
		List<String> starter = ApplicationProperties.of(runnableJar("user-management"))
			.namesStartingWith("tracking.")
			.stream()
			.filter((name) -> !name.startsWith("tracking.consumer."))
			.toList();
		assertThat(consumer).isNotEmpty();
		assertThat(starter).contains("tracking.client-ip.trusted-proxies");
		return Stream.concat(starter.stream(), consumer.stream()).toList();
	}

	private Path runnableJar(String service) {
		return Repository.file(this.compose.build(service).orElseThrow().args().get("JAR_FILE"));
	}

}

package io.github.requesttracking.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The configuration properties a packaged application can bind: every entry of the
 * {@code spring-configuration-metadata.json} files inside its runnable jar, from the
 * application's own classes and from each library it ships (Spring Boot's modules
 * included).
 */
final class ApplicationProperties {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Map<Path, ApplicationProperties> CACHE = new ConcurrentHashMap<>();

	private static final ObjectMapper JSON = new ObjectMapper();

	private final List<Property> properties;

	private ApplicationProperties(List<Property> properties) {
		this.properties = List.copyOf(properties);
	}

	static ApplicationProperties of(Path runnableJar) {
		return CACHE.computeIfAbsent(runnableJar, ApplicationProperties::read);
	}

	private static ApplicationProperties read(Path runnableJar) {
		if (!Files.isRegularFile(runnableJar)) {
			throw new IllegalStateException("Runnable jar " + runnableJar
					+ " does not exist: build the applications first (./mvnw -B package -DskipTests)");
		}
		List<Property> properties = new ArrayList<>();
		try (JarFile jar = new JarFile(runnableJar.toFile())) {
			Path library = Files.createTempFile("library", ".jar");
			try {
				Enumeration<JarEntry> entries = jar.entries();
				while (entries.hasMoreElements()) {
					JarEntry entry = entries.nextElement();
					if (entry.getName().equals(METADATA) || entry.getName().equals("BOOT-INF/classes/" + METADATA)) {
						properties.addAll(parse(jar.getInputStream(entry).readAllBytes()));
					}
					else if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
						Files.copy(jar.getInputStream(entry), library, StandardCopyOption.REPLACE_EXISTING);
						properties.addAll(readLibrary(library));
					}
				}
			}
			finally {
				Files.delete(library);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + runnableJar, ex);
		}
		return new ApplicationProperties(properties);
	}

	// A nested library is copied to a file so that only its central directory and its
	// metadata entry are read, instead of inflating every class it holds.
	private static List<Property> readLibrary(Path library) throws IOException {
		try (JarFile jar = new JarFile(library.toFile())) {
			JarEntry metadata = jar.getJarEntry(METADATA);
			return (metadata != null) ? parse(jar.getInputStream(metadata).readAllBytes()) : List.of();
		}
	}

	private static List<Property> parse(byte[] metadata) throws IOException {
		List<Property> properties = new ArrayList<>();
		for (JsonNode property : JSON.readTree(new ByteArrayInputStream(metadata)).path("properties")) {
			String name = property.path("name").asText();
			if (ConfigurationPropertyName.isValid(name)) {
				properties.add(new Property(name, property.path("type").asText().startsWith("java.util.Map")));
			}
		}
		return properties;
	}

	int size() {
		return this.properties.size();
	}

	/**
	 * Return the names of the documented properties that start with a prefix.
	 * @param prefix such as {@code tracking.consumer.}
	 * @return the names, sorted
	 */
	List<String> namesStartingWith(String prefix) {
		return this.properties.stream()
			.map(Property::name)
			.filter((name) -> name.startsWith(prefix))
			.distinct()
			.sorted()
			.toList();
	}

	/**
	 * Return the property that an environment variable sets, matched the way Spring Boot
	 * binds the operating system environment (relaxed binding).
	 * @param variable the variable name, such as {@code SPRING_DATASOURCE_URL}
	 * @param value its value
	 * @return the property name, with {@code .*} appended for an entry of a map property
	 */
	Optional<String> propertySetBy(String variable, String value) {
		ConfigurationPropertySource environment = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, value)));
		for (Property property : this.properties) {
			ConfigurationPropertyName name = ConfigurationPropertyName.of(property.name());
			if (environment.getConfigurationProperty(name) != null) {
				return Optional.of(property.name());
			}
			if (property.map() && environment.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
				return Optional.of(property.name() + ".*");
			}
		}
		return Optional.empty();
	}

	/**
	 * One documented property.
	 *
	 * @param name the canonical name
	 * @param map whether the property is a map whose keys follow the name
	 */
	record Property(String name, boolean map) {

	}

}

package io.github.requesttracking.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the repository under test, located through the system properties that the
 * build passes to the tests.
 */
final class Repository {

	private Repository() {
	}

	static Path root() {
		String root = System.getProperty("repository.root");
		if (root == null) {
			throw new IllegalStateException("System property 'repository.root' is not set: run the tests with Maven");
		}
		return Path.of(root).toAbsolutePath().normalize();
	}

	static Path file(String relativePath) {
		return root().resolve(relativePath).normalize();
	}

	static String read(String relativePath) {
		try {
			return Files.readString(file(relativePath));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read '" + relativePath + "' in the repository", ex);
		}
	}

	static String projectVersion() {
		String version = System.getProperty("project.version");
		if (version == null) {
			throw new IllegalStateException("System property 'project.version' is not set: run the tests with Maven");
		}
		return version;
	}

}

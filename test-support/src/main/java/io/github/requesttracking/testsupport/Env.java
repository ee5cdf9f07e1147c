package io.github.requesttracking.testsupport;

import org.testcontainers.DockerClientFactory;

final class Env {

	private Env() {
	}

	static String get(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : defaultValue;
	}

	static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			// Any failure to reach Docker means there is no Docker to use.
			return false;
		}
	}

}

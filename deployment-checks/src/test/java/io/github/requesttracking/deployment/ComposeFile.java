package io.github.requesttracking.deployment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's {@code docker-compose.yml}, parsed with YAML anchors and merge keys
 * resolved, and interpolated with the values of {@code .env.example} as
 * {@code docker compose} would do with a {@code .env} copied from it.
 */
final class ComposeFile {

	static final String PATH = "docker-compose.yml";

	static final String ENVIRONMENT_EXAMPLE = ".env.example";

	private final String text;

	private final Map<String, Object> model;

	private ComposeFile(String text, Map<String, Object> model) {
		this.text = text;
		this.model = model;
	}

	static ComposeFile load() {
		String text = Repository.read(PATH);
		EnvironmentFile example = EnvironmentFile.parse(Repository.read(ENVIRONMENT_EXAMPLE));
		return new ComposeFile(text, asMap(new Interpolation(example.values()).apply(parse(text))));
	}

	static Object parse(String yaml) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(options).load(yaml);
	}

	String text() {
		return this.text;
	}

	Map<String, Object> model() {
		return this.model;
	}

	Set<String> serviceNames() {
		return services().keySet();
	}

	Map<String, Object> service(String name) {
		return asMap(services().get(name));
	}

	/**
	 * Return the environment a service's container receives.
	 * @param name the service
	 * @return the variables, sorted by name
	 */
	Map<String, String> environment(String name) {
		Object environment = service(name).get("environment");
		Map<String, String> variables = new TreeMap<>();
		if (environment instanceof Map<?, ?> map) {
			map.forEach(
					(key, value) -> variables.put(String.valueOf(key), (value != null) ? String.valueOf(value) : ""));
		}
		else if (environment instanceof List<?> list) {
			for (Object entry : list) {
				String[] parts = String.valueOf(entry).split("=", 2);
				variables.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		return variables;
	}

	/**
	 * Return the image build of a service, when it has one.
	 * @param name the service
	 * @return the build
	 */
	Optional<Build> build(String name) {
		Object build = service(name).get("build");
		if (build == null) {
			return Optional.empty();
		}
		if (build instanceof String context) {
			return Optional.of(new Build(context, "Dockerfile", Map.of()));
		}
		Map<String, Object> map = asMap(build);
		Object dockerfile = map.getOrDefault("dockerfile", "Dockerfile");
		Map<String, String> args = new TreeMap<>();
		if (map.get("args") instanceof Map<?, ?> argMap) {
			argMap.forEach((key, value) -> args.put(String.valueOf(key), String.valueOf(value)));
		}
		return Optional.of(new Build(String.valueOf(map.get("context")), String.valueOf(dockerfile), args));
	}

	/**
	 * Return the image a service runs.
	 * @param name the service
	 * @return the image reference
	 */
	String image(String name) {
		return String.valueOf(service(name).get("image"));
	}

	private Map<String, Object> services() {
		return asMap(this.model.get("services"));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object node) {
		if (node instanceof Map<?, ?>) {
			return (Map<String, Object>) node;
		}
		throw new IllegalArgumentException("Expected a mapping in " + PATH + " but found " + node);
	}

	/**
	 * How the image of a service is built.
	 *
	 * @param context the build context, relative to the repository root
	 * @param dockerfile the Dockerfile, relative to the context
	 * @param args the build arguments
	 */
	record Build(String context, String dockerfile, Map<String, String> args) {

	}

}

package io.github.requesttracking.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every image the compose file builds has its context, its Dockerfile, the runnable jar
 * the build produces and the entry point it starts, and runs as a user other than root.
 */
class ImageTests {

	private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

	private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

	private final ComposeFile compose = ComposeFile.load();

	private List<String> builtServices() {
		return this.compose.serviceNames()
			.stream()
			.filter((service) -> this.compose.build(service).isPresent())
			.toList();
	}

	private ComposeFile.Build build(String service) {
		return this.compose.build(service).orElseThrow();
	}

	private Dockerfile dockerfile(String service) {
		ComposeFile.Build build = build(service);
		return Dockerfile.parse(Repository.read(build.context() + "/" + build.dockerfile()));
	}

	@Test
	void buildsTheConsumerAndBothExamples() {
		assertThat(builtServices()).containsExactlyInAnyOrder("consumer-1", "user-management", "note-management");
	}

	@Test
	void everyBuildHasAnExistingContextAndDockerfile() {
		assertThat(builtServices()).allSatisfy((service) -> {
			ComposeFile.Build build = build(service);
			assertThat(Repository.file(build.context())).isDirectory();
			assertThat(Repository.file(build.context()).resolve(build.dockerfile())).isRegularFile();
		});
	}

	@Test
	void everyBuildCopiesTheRunnableJarOfAnApplicationModule() {
		List<String> modules = modules();

		assertThat(builtServices()).allSatisfy((service) -> {
			String jar = String.valueOf(build(service).args().get("JAR_FILE"));
			assertThat(jar).as("%s copies %s", service, jar).contains("/target/");
			String module = jar.substring(0, jar.indexOf("/target/"));
			assertThat(modules).as("modules of the root pom").contains(module);
			String pom = Repository.read(module + "/pom.xml");
			assertThat(pom).as("%s packages a runnable jar", module).contains("spring-boot-maven-plugin");
			assertThat(jar)
				.isEqualTo(module + "/target/" + artifactId(pom) + "-" + Repository.projectVersion() + "-exec.jar");
		});
	}

	@Test
	void buildContextLetsInTheCopiedFilesAndNothingSecret() {
		List<String> ignore = Repository.read(".dockerignore")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		List<String> copied = new ArrayList<>();
		for (String service : builtServices()) {
			copied.add(build(service).args().get("JAR_FILE"));
			dockerfile(service).all("COPY")
				.stream()
				.filter((copy) -> !copy.hasFlag("--from="))
				.forEach((copy) -> copied.add(copy.words().get(0)));
		}

		assertThat(copied).contains("docker/http-health")
			.filteredOn((path) -> !path.startsWith("${"))
			.allSatisfy((path) -> assertThat(inContext(ignore, path)).as(path).isTrue());
		assertThat(List.of(".env", "data/GeoLite2-City.mmdb",
				"tracking-consumer/src/main/resources/application.properties",
				"tracking-consumer/target/classes/application.properties"))
			.allSatisfy((path) -> assertThat(inContext(ignore, path)).as(path).isFalse());
	}

	@Test
	void imageRunsTheBootLauncherAsAUserOtherThanRoot() {
		assertThat(builtServices()).allSatisfy((service) -> {
			List<Dockerfile.Instruction> finalStage = dockerfile(service).finalStage();
			List<String> users = finalStage.stream()
				.filter((instruction) -> instruction.keyword().equals("USER"))
				.map(Dockerfile.Instruction::arguments)
				.toList();
			assertThat(users).isNotEmpty();
			assertThat(users.get(users.size() - 1)).doesNotStartWith("0").doesNotStartWith("root");
			assertThat(finalStage).filteredOn((instruction) -> instruction.keyword().equals("ENTRYPOINT"))
				.singleElement()
				.satisfies((entryPoint) -> assertThat(entryPoint.arguments()).contains(LAUNCHER));
		});
	}

	@Test
	void runnableJarsSplitIntoTheLayersTheImageCopies(@TempDir Path extracted) throws Exception {
		for (String service : builtServices()) {
			Path jar = Repository.file(build(service).args().get("JAR_FILE"));
			assertThat(jar).as("runnable jar of %s; build it with ./mvnw -B package", service).isRegularFile();
			Path destination = extracted.resolve(service);
			extractLayers(jar, destination);

			List<String> copiedLayers = dockerfile(service).all("COPY")
				.stream()
				.filter((copy) -> copy.hasFlag("--from="))
				.map((copy) -> Path.of(copy.words().get(0)).getFileName().toString())
				.toList();
			try (Stream<Path> layers = Files.list(destination)) {
				assertThat(layers.map((layer) -> layer.getFileName().toString()))
					.containsExactlyInAnyOrderElementsOf(copiedLayers);
			}
			assertThat(destination.resolve("spring-boot-loader/" + LAUNCHER.replace('.', '/') + ".class"))
				.isRegularFile();
			assertThat(
					destination.resolve("application/BOOT-INF/classes/" + startClass(jar).replace('.', '/') + ".class"))
				.isRegularFile();
		}
	}

	@Test
	void healthChecksRunACommandThatTheImageContainsOnThePublishedPort() {
		for (String service : this.compose.serviceNames()) {
			if (!this.compose.image(service).startsWith("request-tracking/")) {
				continue;
			}
			Object test = ComposeFile.asMap(this.compose.service(service).get("healthcheck")).get("test");
			assertThat(test).as(service).isInstanceOf(List.class);
			List<String> command = ((List<?>) test).stream().map(String::valueOf).toList();
			assertThat(command.subList(0, 2)).as(service).containsExactly("CMD", "http-health");
			Object ports = this.compose.service(service).get("ports");
			assertThat(String.valueOf(ports)).as(service).contains(":" + command.get(2) + "]");
		}
		Path script = Repository.file("docker/http-health");
		assertThat(script).isRegularFile().isExecutable();
		assertThat(Dockerfile.parse(Repository.read("docker/Dockerfile")).finalStage())
			.anySatisfy((instruction) -> assertThat(instruction.keyword() + " " + instruction.words())
				.isEqualTo("COPY [docker/http-health, /usr/local/bin/http-health]"));
	}

	private static void extractLayers(Path jar, Path destination) throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
				"--layers", "--launcher", "--destination", destination.toString())
			.redirectErrorStream(true)
			.start();
		boolean finished = process.waitFor(60, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(finished).as("extraction of %s finished in time", jar).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	private static String startClass(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getManifest().getMainAttributes().getValue("Start-Class");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> modules() {
		return MODULE.matcher(Repository.read("pom.xml")).results().map((result) -> result.group(1)).toList();
	}

	private static String artifactId(String pom) {
		String afterParent = pom.substring(pom.indexOf("</parent>"));
		Matcher matcher = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(afterParent);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	/**
	 * Decide as Docker does whether a path is sent with the build context: the last
	 * {@code .dockerignore} pattern that matches the path or one of its parents wins, and
	 * a pattern starting with {@code !} lets the path in again.
	 */
	private static boolean inContext(List<String> ignorePatterns, String path) {
		boolean included = true;
		for (String line : ignorePatterns) {
			boolean exception = line.startsWith("!");
			String pattern = (exception ? line.substring(1) : line).replaceAll("/+$", "");
			PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
			for (Path candidate = Path.of(path); candidate != null; candidate = candidate.getParent()) {
				if (matcher.matches(candidate)) {
					included = exception;
					break;
				}
			}
		}
		return included;
	}

}

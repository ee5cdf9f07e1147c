package io.github.requesttracking.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grafana starts from files: the provisioning parses, the data source reads the database
 * as the read-only login and never as its owner, every dashboard queries the provisioned
 * data source, and the compose file mounts what the provisioning expects where it expects
 * it.
 */
class GrafanaProvisioningTests {

	private static final String PROVISIONING = "docker/grafana/provisioning";

	private static final String DATA_SOURCES = PROVISIONING + "/datasources/request-tracking.yaml";

	private static final String DASHBOARD_PROVIDERS = PROVISIONING + "/dashboards/request-tracking.yaml";

	private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

	private final ComposeFile compose = ComposeFile.load();

	private static Map<String, Object> yaml(String path) {
		return ComposeFile.asMap(ComposeFile.parse(Repository.read(path)));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> entries(String path, String key) {
		Object entries = yaml(path).get(key);
		assertThat(entries).as("%s lists %s", path, key).isInstanceOf(List.class);
		return (List<Map<String, Object>>) entries;
	}

	private static Map<String, Object> dataSource() {
		List<Map<String, Object>> dataSources = entries(DATA_SOURCES, "datasources");
		assertThat(dataSources).hasSize(1);
		return dataSources.get(0);
	}

	/**
	 * Return a provisioned value with Grafana's {@code ${NAME}} replaced by the grafana
	 * service's environment.
	 */
	private String resolved(Object value) {
		Map<String, String> environment = this.compose.environment("grafana");
		return GRAFANA_VARIABLE.matcher(String.valueOf(value))
			.replaceAll((match) -> environment.getOrDefault(match.group(1), "<unset " + match.group(1) + ">"));
	}

	@Test
	void everyProvisioningFileParsesAsVersionOne() throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(Repository.file(PROVISIONING))) {
			files = walk.filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
				.toList();
		}

		assertThat(files).extracting((file) -> Repository.root().relativize(file).toString())
			.contains(DATA_SOURCES, DASHBOARD_PROVIDERS);
		assertThat(files)
			.allSatisfy((file) -> assertThat(yaml(Repository.root().relativize(file).toString())).as("%s", file)
				.containsEntry("apiVersion", 1));
	}

	@Test
	void everyDashboardParsesWithAUniqueUidAndPanels() {
		List<GrafanaDashboard> dashboards = GrafanaDashboard.all();

		assertThat(dashboards).isNotEmpty().allSatisfy((dashboard) -> {
			assertThat(dashboard.uid()).as(dashboard.file()).isNotBlank();
			assertThat(dashboard.panels()).as(dashboard.file()).isNotEmpty();
		});
		assertThat(dashboards).extracting(GrafanaDashboard::uid).doesNotHaveDuplicates();
	}

	@Test
	void everyPanelQueryAndVariableUsesTheProvisionedDataSource() {
		Map<String, Object> provisioned = dataSource();
		GrafanaDashboard.DataSource expected = new GrafanaDashboard.DataSource(String.valueOf(provisioned.get("type")),
				String.valueOf(provisioned.get("uid")));
		List<String> references = new ArrayList<>();

		for (GrafanaDashboard dashboard : GrafanaDashboard.all()) {
			for (GrafanaDashboard.Panel panel : dashboard.panels()) {
				assertThat(panel.dataSource()).as("%s: panel '%s'", dashboard.file(), panel.title())
					.isEqualTo(expected);
				assertThat(panel.queries()).as("%s: panel '%s'", dashboard.file(), panel.title())
					.isNotEmpty()
					.allSatisfy((query) -> assertThat(query.dataSource()).isIn(expected, null));
				references.add(panel.title());
			}
			assertThat(dashboard.variables()).allSatisfy((variable) -> assertThat(variable.dataSource())
				.as("%s: variable '%s'", dashboard.file(), variable.name())
				.isEqualTo(expected));
		}

		assertThat(expected.type()).isEqualTo("grafana-postgresql-datasource");
		assertThat(references).isNotEmpty();
	}

	@Test
	void dataSourceReadsTheTrackingDatabaseAsTheReadOnlyLogin() {
		Map<String, Object> dataSource = dataSource();
		Map<String, Object> settings = ComposeFile.asMap(dataSource.get("jsonData"));
		Map<String, Object> secrets = ComposeFile.asMap(dataSource.get("secureJsonData"));
		Map<String, String> database = this.compose.environment("postgres");
		Map<String, String> login = this.compose.environment("grafana-database-login");

		assertThat(resolved(dataSource.get("url"))).isEqualTo("postgres:5432");
		assertThat(resolved(settings.get("database"))).isEqualTo(database.get("POSTGRES_DB"));
		assertThat(resolved(dataSource.get("user"))).isEqualTo(login.get("GRAFANA_DATABASE_USER"))
			.isNotEqualTo(database.get("POSTGRES_USER"));
		assertThat(resolved(secrets.get("password"))).isEqualTo(login.get("GRAFANA_DATABASE_PASSWORD"))
			.isNotEqualTo(database.get("POSTGRES_PASSWORD"));
		assertThat(dataSource).doesNotContainKeys("password", "database");
	}

	@Test
	void everyVariableOfTheProvisioningIsSetForGrafana() {
		List<String> names = GRAFANA_VARIABLE
			.matcher(Repository.read(DATA_SOURCES) + Repository.read(DASHBOARD_PROVIDERS))
			.results()
			.map((match) -> match.group(1))
			.toList();

		assertThat(names).isNotEmpty();
		assertThat(this.compose.environment("grafana")).containsKeys(names.toArray(String[]::new));
	}

	@Test
	void provisioningAndDashboardsAreMountedReadOnlyWhereTheProviderReadsThem() {
		List<String> volumes = this.compose.service("grafana").get("volumes") instanceof List<?> list
				? list.stream().map(String::valueOf).toList() : List.of();
		List<Map<String, Object>> providers = entries(DASHBOARD_PROVIDERS, "providers");
		String dashboardPath = String.valueOf(ComposeFile.asMap(providers.get(0).get("options")).get("path"));
		String homeDashboard = this.compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");

		assertThat(volumes).contains("./" + PROVISIONING + ":/etc/grafana/provisioning:ro",
				"./" + GrafanaDashboard.DIRECTORY + ":" + dashboardPath + ":ro");
		assertThat(providers).singleElement()
			.satisfies((provider) -> assertThat(provider).containsEntry("type", "file"));
		assertThat(homeDashboard).startsWith(dashboardPath + "/");
		assertThat(Repository.file(GrafanaDashboard.DIRECTORY + homeDashboard.substring(dashboardPath.length())))
			.isRegularFile();
	}

	@Test
	void databaseLoginIsCreatedByTheMountedScriptBeforeGrafanaStarts() {
		Map<String, Object> grafana = this.compose.service("grafana");
		Map<String, Object> login = this.compose.service("grafana-database-login");
		Map<String, Object> dependencies = ComposeFile.asMap(grafana.get("depends_on"));

		assertThat(ComposeFile.asMap(dependencies.get("postgres"))).containsEntry("condition", "service_healthy");
		assertThat(ComposeFile.asMap(dependencies.get("grafana-database-login"))).containsEntry("condition",
				"service_completed_successfully");
		assertThat(login.get("entrypoint")).isEqualTo(List.of("sh", "/opt/grafana-database/create-reader-login.sh"));
		assertThat(login.get("volumes")).isEqualTo(List.of("./docker/grafana/database:/opt/grafana-database:ro"));
		assertThat(Repository.file(AnalyticsDatabase.READER_LOGIN_SCRIPT)).isRegularFile();
		assertThat(this.compose.image("grafana-database-login")).isEqualTo(this.compose.image("postgres"));
	}

	@Test
	void grafanaImageIsPinnedToARelease() {
		assertThat(this.compose.image("grafana")).matches("grafana/grafana-oss:\\d+\\.\\d+\\.\\d+");
	}

	@Test
	void adminPasswordComesFromTheEnvironmentFile() {
		List<Interpolation.Expression> password = Interpolation.expressions(this.compose.text())
			.stream()
			.filter((expression) -> expression.name().equals("GRAFANA_ADMIN_PASSWORD"))
			.toList();

		assertThat(password).isNotEmpty().allSatisfy((expression) -> assertThat(expression.required()).isTrue());
		assertThat(this.compose.environment("grafana")).containsEntry("GF_SECURITY_ADMIN_PASSWORD",
				"dev-only-grafana-admin-password");
	}

}

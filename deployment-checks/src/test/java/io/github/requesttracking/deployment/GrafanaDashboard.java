package io.github.requesttracking.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * A dashboard of {@code docker/grafana/dashboards}, read as Grafana's JSON model: its
 * panels (those nested in collapsed rows included), their queries and the dashboard's
 * template variables.
 */
final class GrafanaDashboard {

	static final String DIRECTORY = "docker/grafana/dashboards";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String file;

	private final JsonNode model;

	private GrafanaDashboard(String file, JsonNode model) {
		this.file = file;
		this.model = model;
	}

	/**
	 * Parse every dashboard file of the directory that Grafana provisions from.
	 * @return the dashboards, by file name
	 */
	static List<GrafanaDashboard> all() {
		try (Stream<Path> files = Files.list(Repository.file(DIRECTORY))) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".json"))
				.sorted()
				.map((file) -> load(DIRECTORY + "/" + file.getFileName()))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + DIRECTORY, ex);
		}
	}

	static GrafanaDashboard load(String relativePath) {
		try {
			return new GrafanaDashboard(relativePath, JSON.readTree(Repository.read(relativePath)));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("'" + relativePath + "' is not valid JSON: " + ex.getMessage(), ex);
		}
	}

	String file() {
		return this.file;
	}

	String uid() {
		return this.model.path("uid").asText();
	}

	List<Panel> panels() {
		List<Panel> panels = new ArrayList<>();
		collectPanels(this.model.path("panels"), panels);
		return panels;
	}

	private static void collectPanels(JsonNode nodes, List<Panel> panels) {
		for (JsonNode node : nodes) {
			if (node.path("type").asText().equals("row")) {
				collectPanels(node.path("panels"), panels);
				continue;
			}
			List<Query> queries = new ArrayList<>();
			for (JsonNode target : node.path("targets")) {
				queries.add(new Query(target.path("refId").asText(), target.path("format").asText(),
						target.path("rawSql").asText(), DataSource.of(target.path("datasource"))));
			}
			panels.add(new Panel(node.path("id").asInt(), node.path("type").asText(), node.path("title").asText(),
					DataSource.of(node.path("datasource")), queries));
		}
	}

	List<Variable> variables() {
		List<Variable> variables = new ArrayList<>();
		for (JsonNode node : this.model.path("templating").path("list")) {
			JsonNode query = node.path("query");
			String sql = query.isObject() ? query.path("rawSql").asText() : query.asText();
			JsonNode allValue = node.path("allValue");
			variables.add(new Variable(node.path("name").asText(), node.path("type").asText(), sql,
					node.path("includeAll").asBoolean(), node.path("multi").asBoolean(),
					allValue.isTextual() ? allValue.asText() : null, DataSource.of(node.path("datasource"))));
		}
		return variables;
	}

	Variable variable(String name) {
		return variables().stream()
			.filter((variable) -> variable.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(this.file + " has no variable '" + name + "'"));
	}

	Panel panel(String title) {
		return panels().stream()
			.filter((panel) -> panel.title().equals(title))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(this.file + " has no panel '" + title + "'"));
	}

	/**
	 * A reference to a data source.
	 *
	 * @param type the plugin type, empty when the reference does not say
	 * @param uid the data source's uid, empty when the reference does not say
	 */
	record DataSource(String type, String uid) {

		static @Nullable DataSource of(JsonNode node) {
			return node.isObject() ? new DataSource(node.path("type").asText(), node.path("uid").asText()) : null;
		}

	}

	/**
	 * A panel.
	 *
	 * @param id the panel id
	 * @param type the visualization, such as {@code timeseries}
	 * @param title the title
	 * @param dataSource the panel's data source, or {@code null} when it has none
	 * @param queries the panel's queries
	 */
	record Panel(int id, String type, String title, @Nullable DataSource dataSource, List<Query> queries) {

		/**
		 * Return the panel's only query.
		 * @return the query
		 */
		Query query() {
			if (this.queries.size() != 1) {
				throw new IllegalStateException("Panel '" + this.title + "' has " + this.queries.size() + " queries");
			}
			return this.queries.get(0);
		}

	}

	/**
	 * A query of a panel.
	 *
	 * @param refId the query's letter
	 * @param format {@code time_series} or {@code table}
	 * @param rawSql the SQL, with Grafana's variables and macros
	 * @param dataSource the query's data source, or {@code null} when it uses the panel's
	 */
	record Query(String refId, String format, String rawSql, @Nullable DataSource dataSource) {

	}

	/**
	 * A template variable.
	 *
	 * @param name the name, used as {@code $name}
	 * @param type the kind of variable, such as {@code query}
	 * @param sql the query that lists the variable's values
	 * @param includeAll whether it offers "All"
	 * @param multi whether several values may be selected
	 * @param allValue the text that "All" stands for, or {@code null} for the list of
	 * values
	 * @param dataSource the data source of the query, or {@code null}
	 */
	record Variable(String name, String type, String sql, boolean includeAll, boolean multi, @Nullable String allValue,
			@Nullable DataSource dataSource) {

		/**
		 * Return the text Grafana puts into a SQL query for a selected value: a quoted
		 * literal when the variable offers "All" or several values, otherwise the value
		 * itself.
		 * @param value the selected value
		 * @return the text
		 */
		String textOf(String value) {
			return (this.includeAll || this.multi) ? GrafanaMacros.quoteLiteral(value) : value.replace("'", "''");
		}

		/**
		 * Return the text Grafana puts into a SQL query when "All" is selected: the
		 * custom all value, unformatted.
		 * @return the text
		 */
		String textOfAll() {
			if (!this.includeAll || this.allValue == null) {
				throw new IllegalStateException("Variable '" + this.name + "' has no custom 'All' value");
			}
			return this.allValue;
		}

	}

}

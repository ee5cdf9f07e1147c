package io.github.requesttracking.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests run against: the local one when it answers (by default
 * {@code 127.0.0.1:5432}, user {@code postgres}; override with
 * {@code TRACKING_TEST_PG_HOST}, {@code TRACKING_TEST_PG_PORT},
 * {@code TRACKING_TEST_PG_USER}, {@code TRACKING_TEST_PG_PASSWORD}), otherwise a
 * Testcontainers container when Docker is available. Every test gets its own database
 * through {@link #createDatabase(String)}.
 */
public final class PostgresServer {

	private static @Nullable PostgresServer instance;

	private final String host;

	private final int port;

	private final String username;

	private final String password;

	private PostgresServer(String host, int port, String username, String password) {
		this.host = host;
		this.port = port;
		this.username = username;
		this.password = password;
	}

	/**
	 * Return the server, connecting on first use.
	 * @return the server
	 * @throws IllegalStateException naming what to start when no server can be reached
	 */
	public static synchronized PostgresServer get() {
		if (instance == null) {
			instance = locate();
		}
		return instance;
	}

	private static PostgresServer locate() {
		String host = Env.get("TRACKING_TEST_PG_HOST", "127.0.0.1");
		int port = Integer.parseInt(Env.get("TRACKING_TEST_PG_PORT", "5432"));
		PostgresServer local = new PostgresServer(host, port, Env.get("TRACKING_TEST_PG_USER", "postgres"),
				Env.get("TRACKING_TEST_PG_PASSWORD", ""));
		SQLException localFailure;
		try (Connection connection = local.connect("postgres")) {
			return local;
		}
		catch (SQLException ex) {
			localFailure = ex;
		}
		if (Env.dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
			container.start();
			return new PostgresServer(container.getHost(), container.getMappedPort(5432), container.getUsername(),
					container.getPassword());
		}
		throw new IllegalStateException("PostgreSQL is not reachable at " + host + ":" + port + " ("
				+ localFailure.getMessage() + ") and Docker is not available for Testcontainers. Start PostgreSQL "
				+ "with 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' (or set "
				+ "TRACKING_TEST_PG_HOST/PORT/USER/PASSWORD), or start a Docker engine.", localFailure);
	}

	/**
	 * Create a new, empty database for one test.
	 * @param purpose a short word for the database name, such as the test class
	 * @return the database, dropped again by {@link TestDatabase#close()}
	 */
	public TestDatabase createDatabase(String purpose) {
		String name = ("rt_" + purpose.replaceAll("[^A-Za-z0-9]", "") + "_"
				+ UUID.randomUUID().toString().substring(0, 8))
			.toLowerCase(Locale.ROOT);
		execute("CREATE DATABASE " + name);
		return new TestDatabase(this, name);
	}

	void dropDatabase(String name) {
		execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	private void execute(String sql) {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + this.host + ":" + this.port, ex);
		}
	}

	Connection connect(String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.username);
		properties.setProperty("password", this.password);
		properties.setProperty("connectTimeout", "3");
		return DriverManager.getConnection(jdbcUrl(database), properties);
	}

	/**
	 * Return the JDBC URL of a database on this server.
	 * @param database the database name
	 * @return the JDBC URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	/**
	 * Return the host name of the server.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Return the port of the server.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the user name tests connect with.
	 * @return the user name
	 */
	public String username() {
		return this.username;
	}

	/**
	 * Return the password tests connect with.
	 * @return the password, empty with trust authentication
	 */
	public String password() {
		return this.password;
	}

}

package io.github.requesttracking.testsupport;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database created for one test and dropped when closed.
 */
public final class TestDatabase implements AutoCloseable {

	private final PostgresServer server;

	private final String name;

	TestDatabase(PostgresServer server, String name) {
		this.server = server;
		this.name = name;
	}

	/**
	 * Return the database name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the JDBC URL of the database.
	 * @return the JDBC URL
	 */
	public String jdbcUrl() {
		return this.server.jdbcUrl(this.name);
	}

	/**
	 * Return the user name to connect with.
	 * @return the user name
	 */
	public String username() {
		return this.server.username();
	}

	/**
	 * Return the password to connect with.
	 * @return the password
	 */
	public String password() {
		return this.server.password();
	}

	/**
	 * Return the server the database lives on.
	 * @return the server
	 */
	public PostgresServer server() {
		return this.server;
	}

	/**
	 * Open a new connection to the database.
	 * @return the connection, to be closed by the caller
	 * @throws SQLException if the connection fails
	 */
	public Connection connect() throws SQLException {
		return this.server.connect(this.name);
	}

	@Override
	public void close() {
		this.server.dropDatabase(this.name);
	}

}

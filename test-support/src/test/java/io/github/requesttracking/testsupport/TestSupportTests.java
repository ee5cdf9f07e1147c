package io.github.requesttracking.testsupport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TestSupportTests {

	@Test
	void createsAnIsolatedDatabaseAndDropsItOnClose() throws SQLException {
		String name;
		try (TestDatabase database = PostgresServer.get().createDatabase("support")) {
			name = database.name();
			try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE t (id int)");
			}
		}

		try (Connection connection = PostgresServer.get().connect("postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
			rows.next();
			assertThat(rows.getInt(1)).isZero();
		}
	}

	@Test
	void deletesTheQueuesAndExchangesItNamedOnClose() throws IOException, TimeoutException {
		RabbitServer rabbit = RabbitServer.get();
		String queue;
		try (RabbitNames names = rabbit.names("support")) {
			queue = names.queue("events");
			try (com.rabbitmq.client.Connection connection = rabbit.connect();
					Channel channel = connection.createChannel()) {
				channel.exchangeDeclare(names.exchange("events"), "fanout", true);
				channel.queueDeclare(queue, true, false, false, null);
			}
		}

		try (com.rabbitmq.client.Connection connection = rabbit.connect()) {
			Channel channel = connection.createChannel();
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> channel.queueDeclarePassive(queue));
		}
	}

	@Test
	void proxyForwardsThenRefusesWhenCutAndRecoversWhenRestored() throws Exception {
		PostgresServer postgres = PostgresServer.get();
		try (FaultyProxy proxy = FaultyProxy.start(postgres.host(), postgres.port())) {
			assertThat(selectOneThrough(proxy)).isEqualTo(1);

			proxy.cut();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> selectOneThrough(proxy));

			proxy.restore();
			assertThat(selectOneThrough(proxy)).isEqualTo(1);
		}
	}

	private int selectOneThrough(FaultyProxy proxy) throws SQLException {
		java.util.Properties properties = new java.util.Properties();
		properties.setProperty("user", PostgresServer.get().username());
		properties.setProperty("password", PostgresServer.get().password());
		properties.setProperty("connectTimeout", "2");
		properties.setProperty("socketTimeout", "2");
		try (Connection connection = java.sql.DriverManager
			.getConnection("jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/postgres", properties);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1")) {
			rows.next();
			return rows.getInt(1);
		}
	}

}

package io.github.requesttracking.consumer.ingest;

import java.net.SocketException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telling a database outage from a failure caused by the data.
 */
class DatabaseOutagesTests {

	@Test
	void treatsARefusedConnectionAsAnOutageAlthoughSpringCallsItNonTransient() {
		assertThat(DatabaseOutages
			.isOutage(new CannotGetJdbcConnectionException("refused", new SQLException("Connection refused", "08001"))))
			.isTrue();
		assertThat(DatabaseOutages.isOutage(new CannotCreateTransactionException("no connection"))).isTrue();
	}

	@Test
	void treatsABrokenSocketOrAShutdownAsAnOutage() {
		assertThat(DatabaseOutages.isOutage(new RuntimeException(new SocketException("Broken pipe")))).isTrue();
		assertThat(DatabaseOutages
			.isOutage(new DataRetrievalFailureException("x", new SQLException("terminating connection", "57P01"))))
			.isTrue();
	}

	@Test
	void treatsRefusedValuesAsDataErrorsAndNotAsOutages() {
		DataIntegrityViolationException invalidAddress = new DataIntegrityViolationException("bad",
				new SQLException("invalid input syntax for type inet", "22P02"));

		assertThat(DatabaseOutages.isOutage(invalidAddress)).isFalse();
		assertThat(DatabaseOutages.isDataError(invalidAddress)).isTrue();
	}

	@Test
	void retriesAMissingPartitionOrAnUnknownFailure() {
		assertThat(DatabaseOutages.isDataError(new RuntimeException(new SQLException("no partition", "23514"))))
			.isFalse();
		assertThat(DatabaseOutages.isDataError(new RuntimeException(new SQLException("refused", "P0001")))).isFalse();
		assertThat(DatabaseOutages.isOutage(new RuntimeException(new SQLException("refused", "P0001")))).isFalse();
	}

}

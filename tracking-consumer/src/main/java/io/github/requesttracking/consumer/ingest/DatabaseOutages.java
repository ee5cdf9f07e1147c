package io.github.requesttracking.consumer.ingest;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database outage from a failure caused by the data. Spring's transient and
 * non-transient split cannot be used for this: a refused connection surfaces as
 * {@link CannotGetJdbcConnectionException}, a non-transient exception, or as
 * {@link CannotCreateTransactionException}, which is no data access exception at all.
 */
final class DatabaseOutages {

	/**
	 * SQL states of a lost connection or a server shutting down.
	 */
	private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "25006");

	private DatabaseOutages() {
	}

	/**
	 * Whether a failure means that the database cannot be reached or used at the moment.
	 * @param failure the failure
	 * @return {@code true} for an outage
	 */
	static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException || cause instanceof JDBCConnectionException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof SocketException) {
				return true;
			}
			if (cause instanceof SQLException sqlException && isOutageState(sqlException.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a failure was caused by values the database refused, such as an invalid
	 * address or a constraint other than the event id: retrying cannot help.
	 * @param failure the failure
	 * @return {@code true} for a data error
	 */
	static boolean isDataError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sqlException && sqlException.getSQLState() != null) {
				String state = sqlException.getSQLState();
				// 23514 is also raised when no partition exists for a row, which a later
				// attempt can pass once partition maintenance has run.
				return state.startsWith("22") || (state.startsWith("23") && !state.equals("23514"));
			}
		}
		return false;
	}

	private static boolean isOutageState(@Nullable String state) {
		return state != null && (state.startsWith("08") || OUTAGE_STATES.contains(state));
	}

}

package io.github.requesttracking.consumer.ingest;

import java.sql.PreparedStatement;

import org.hibernate.jdbc.Expectation;

/**
 * Counts the rows an {@code insert ... on conflict do nothing} really inserted: each
 * statement of the batch reports 1 for a new event and 0 for an event already stored.
 * Counts are kept per thread because a batch runs on the thread that stores it.
 */
public class InsertedRowCounter implements Expectation {

	private static final ThreadLocal<int[]> inserted = ThreadLocal.withInitial(() -> new int[1]);

	/**
	 * Created by Hibernate.
	 */
	public InsertedRowCounter() {
	}

	@Override
	public void verifyOutcome(int rowCount, PreparedStatement statement, int batchPosition, String sql) {
		if (rowCount > 0) {
			inserted.get()[0] += rowCount;
		}
	}

	static void reset() {
		inserted.get()[0] = 0;
	}

	static int count() {
		return inserted.get()[0];
	}

}

package io.github.requesttracking.consumer.ingest;

import java.util.List;

/**
 * Writes rows to {@code request_events} in one transaction, skipping events whose id is
 * already stored so that a redelivered message never creates a second row.
 */
interface EventStore {

	/**
	 * Insert the rows in one transaction.
	 * @param rows the rows
	 * @return how many rows were inserted; the others were already stored
	 */
	int store(List<EventRow> rows);

}

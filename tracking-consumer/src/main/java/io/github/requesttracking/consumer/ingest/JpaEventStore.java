package io.github.requesttracking.consumer.ingest;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;

/**
 * Stores rows through a Hibernate stateless session: no persistence context, and the
 * whole list sent to the database as one JDBC batch in one transaction.
 */
class JpaEventStore implements EventStore {

	private final SessionFactory sessionFactory;

	JpaEventStore(EntityManagerFactory entityManagerFactory) {
		this.sessionFactory = entityManagerFactory.unwrap(SessionFactory.class);
	}

	@Override
	public int store(List<EventRow> rows) {
		List<RequestEventEntity> entities = new ArrayList<>(rows.size());
		for (EventRow row : rows) {
			entities.add(new RequestEventEntity(row));
		}
		InsertedRowCounter.reset();
		try (StatelessSession session = this.sessionFactory.openStatelessSession()) {
			Transaction transaction = session.beginTransaction();
			try {
				session.insertMultiple(entities);
				transaction.commit();
			}
			catch (RuntimeException ex) {
				rollbackQuietly(transaction, ex);
				throw ex;
			}
		}
		return InsertedRowCounter.count();
	}

	private static void rollbackQuietly(Transaction transaction, RuntimeException failure) {
		try {
			if (transaction.isActive()) {
				transaction.rollback();
			}
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

}

package dev.orderpipeline.support.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class LostDatabaseTest {

	@Test
	void aConnectionExceptionOrAnUnreachablePoolIsALostDatabase() {
		assertThat(LostDatabase.in(new SQLException("An I/O error occurred while sending to the backend.", "08006")))
			.isTrue();
		assertThat(LostDatabase.in(new CannotCreateTransactionException("Could not open JDBC Connection",
				new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms."))))
			.isTrue();
		assertThat(LostDatabase.in(new DataAccessResourceFailureException("PreparedStatementCallback"))).isTrue();
	}

	/**
	 * What a graceful stop of PostgreSQL ({@code pg_ctl stop -m fast}) sends every
	 * session: SQLSTATE 57P01, which the transaction manager reports untranslated when it
	 * arrives at commit.
	 */
	@Test
	void anAdministratorShutdownAtCommitIsALostDatabase() {
		assertThat(LostDatabase.in(new TransactionSystemException("Could not commit JDBC transaction",
				new SQLException("FATAL: terminating connection due to administrator command", "57P01"))))
			.isTrue();
		assertThat(LostDatabase.in(new UncategorizedSQLException("commit", "commit",
				new SQLException("FATAL: the database system is shutting down", "57P03"))))
			.isTrue();
	}

	@Test
	void aRollbackOnAClosedConnectionIsALostDatabaseWhenTheApplicationExceptionWasOne() {
		TransactionSystemException lost = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		lost.initApplicationException(new DataAccessResourceFailureException("I/O error"));
		assertThat(LostDatabase.in(lost)).isTrue();

		TransactionSystemException other = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		other.initApplicationException(new IllegalStateException("a bug"));
		assertThat(LostDatabase.in(other)).isFalse();
	}

	@Test
	void aRecordsOwnFailureIsNot() {
		assertThat(LostDatabase.in(new DataIntegrityViolationException("duplicate key",
				new SQLException("duplicate key value violates unique constraint", "23505"))))
			.isFalse();
		assertThat(LostDatabase.in(new SQLException("query_canceled", "57014"))).isFalse();
		assertThat(LostDatabase.in(new IllegalArgumentException("bad"))).isFalse();
		assertThat(LostDatabase.in(null)).isFalse();
	}

}

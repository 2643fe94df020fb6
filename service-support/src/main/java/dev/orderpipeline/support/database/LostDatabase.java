package dev.orderpipeline.support.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database could not be reached, rather than that the work
 * itself was wrong: the HTTP edge answers 503 for it and the consumers wait it out
 * instead of dead-lettering. One rule for both, because the fault suite found each
 * service missing a different case.
 */
public final class LostDatabase {

	/**
	 * SQLSTATEs of a server that ends or refuses sessions: admin shutdown (a graceful
	 * stop), crash shutdown, and "the database system is starting up / shutting down".
	 */
	private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

	private LostDatabase() {
	}

	/**
	 * @param failure anything thrown around a JDBC call, or {@code null}
	 * @return whether its cause chain shows the database unreachable: the pool timed out,
	 * a connection exception (SQLSTATE class 08), the server shutting down, or a failed
	 * rollback whose transaction had rolled back for one of these
	 */
	public static boolean in(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException
					|| (cause instanceof SQLException sql && unreachable(sql.getSQLState()))) {
				return true;
			}
			// The pool closes a connection that failed ("Connection is closed", no
			// SQLSTATE), so the rollback's own error says little: what made the
			// transaction roll back is kept as its application exception.
			if (cause instanceof TransactionSystemException failed && failed.getApplicationException() != null
					&& in(failed.getApplicationException())) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static boolean unreachable(String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || SERVER_GOING_AWAY.contains(sqlState));
	}

}

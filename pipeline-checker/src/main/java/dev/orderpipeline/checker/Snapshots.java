package dev.orderpipeline.checker;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Read-only, repeatable-read connections: every query of one store sees one moment. */
final class Snapshots {

	private Snapshots() {
	}

	static Connection open(DataSource dataSource) throws SQLException {
		Connection connection = dataSource.getConnection();
		try {
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			connection.setReadOnly(true);
			return connection;
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

}

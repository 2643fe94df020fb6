package dev.orderpipeline.support.problem;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderpipeline.support.kafka.KafkaHealthAutoConfiguration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A tiny service using the shared HTTP edge: endpoints that fail in each way the edge
 * maps, one that reads a real PostgreSQL database, and one domain exception of its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = KafkaHealthAutoConfiguration.class,
		excludeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@Import({ EdgeTestApplication.Endpoints.class, EdgeTestApplication.ShopProblems.class })
class EdgeTestApplication {

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(@Value("${edge-test.jdbc-url}") String url) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername("postgres");
		dataSource.setPassword("postgres");
		dataSource.setConnectionTimeout(500);
		dataSource.setInitializationFailTimeout(-1);
		return dataSource;
	}

	static class OutOfStock extends RuntimeException {

	}

	@RestController
	static class Endpoints {

		private final JdbcTemplate jdbc;

		Endpoints(HikariDataSource dataSource) {
			this.jdbc = new JdbcTemplate(dataSource);
		}

		@GetMapping("/edge/reports")
		Map<String, Object> report(@RequestParam int limit) {
			if (limit > 10) {
				throw new InvalidRequestException("Invalid report query", "The query parameters are not acceptable.",
						List.of(new FieldError("limit", "must be between 1 and 10")));
			}
			return Map.of("limit", limit);
		}

		@GetMapping("/edge/database")
		Map<String, Object> database() {
			return Map.of("answer", this.jdbc.queryForObject("select 42", Integer.class));
		}

		/**
		 * What the transaction manager throws when the connection died mid-transaction
		 * (the database stopped, a network that drops packets healed): its rollback fails
		 * on the dead connection.
		 */
		@GetMapping("/edge/rollback-lost")
		Map<String, Object> rollbackLost() {
			throw new TransactionSystemException("JDBC rollback failed",
					new SQLException("An I/O error occurred while sending to the backend.", "08006"));
		}

		/**
		 * The same as the pool reports it: the dead connection was closed, so the
		 * rollback fails with "Connection is closed"; the I/O error that started it is
		 * the application exception.
		 */
		@GetMapping("/edge/rollback-on-closed")
		Map<String, Object> rollbackOnClosed() {
			TransactionSystemException failed = new TransactionSystemException("JDBC rollback failed",
					new SQLException("Connection is closed"));
			failed.initApplicationException(new DataAccessResourceFailureException(
					"PreparedStatementCallback; An I/O error occurred while sending to the backend."));
			throw failed;
		}

		/**
		 * What the transaction manager throws when PostgreSQL stops gracefully during the
		 * commit: every session gets SQLSTATE 57P01, untranslated at commit.
		 */
		@GetMapping("/edge/commit-at-shutdown")
		Map<String, Object> commitAtShutdown() {
			throw new TransactionSystemException("Could not commit JDBC transaction",
					new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
		}

		/**
		 * A statement cancelled by its timeout (57014) whose rollback then failed on a
		 * connection the pool had closed: the transient failure is only the application
		 * exception of the rollback's error.
		 */
		@GetMapping("/edge/rollback-after-timeout")
		Map<String, Object> rollbackAfterTimeout() {
			TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
					new SQLException("Connection is closed"));
			rollbackFailed
				.initApplicationException(new QueryTimeoutException("canceling statement due to statement timeout"));
			throw rollbackFailed;
		}

		@GetMapping("/edge/failure")
		Map<String, Object> failure() {
			throw new IllegalStateException("secret internals at jdbc:postgresql://db.internal");
		}

		@GetMapping("/edge/stock")
		Map<String, Object> stock() {
			throw new OutOfStock();
		}

		@PostMapping("/edge/echo")
		Map<String, Object> echo(@RequestBody Map<String, Object> body) {
			return body;
		}

	}

	/** A service's own problem, which must win over the shared catch-all. */
	@RestControllerAdvice
	static class ShopProblems {

		@ExceptionHandler
		ProblemDetail outOfStock(OutOfStock ex) {
			return Problems.problem(HttpStatus.CONFLICT, ProblemTypes.of("insufficient-stock"), "Insufficient stock",
					"Not enough stock.");
		}

	}

}

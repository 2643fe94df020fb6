package dev.orderpipeline.orders.web;

import java.net.ServerSocket;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderpipeline.orders.catalog.ProductCatalog;
import dev.orderpipeline.orders.idempotency.IdempotencyGuard;
import dev.orderpipeline.orders.order.OrderCancellation;
import dev.orderpipeline.orders.order.OrderPlacement;
import dev.orderpipeline.orders.order.OrderQueries;
import dev.orderpipeline.orders.order.domain.InvalidOrderTransitionException;
import dev.orderpipeline.orders.order.domain.OrderLimits;
import dev.orderpipeline.orders.order.domain.OrderRequestRules;
import dev.orderpipeline.orders.order.domain.OrderStatus;
import dev.orderpipeline.orders.outbox.parked.ParkedRows;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithTestIdentityProvider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Failures that real PostgreSQL cannot be made to produce on demand in a shared test
 * database: the database being unreachable, and (with only PLACED and CANCELLED today) an
 * invalid order transition. The web layer runs for real; only the services behind it are
 * replaced. The slice holds every controller of the service (the feature packages keep
 * theirs package-private).
 */
@WebMvcTest
@Import(FailureMappingTest.Rules.class)
@WithTestIdentityProvider
class FailureMappingTest {

	static final String CUSTOMER = TestTokens.customer("customer-ana", "acme");

	static final String ORDER = """
			{"customerEmail": "ana@example.com", "currency": "EUR", "items": [{"sku": "SKU-1", "quantity": 1}]}""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	OrderPlacement placement;

	@MockitoBean
	OrderCancellation cancellation;

	@MockitoBean
	OrderQueries queries;

	@MockitoBean
	IdempotencyGuard idempotency;

	@MockitoBean
	ProductCatalog catalog;

	@MockitoBean
	ParkedRows parkedRows;

	@Test
	void anUnreachableDatabaseIs503WithRetryAfter() throws Exception {
		given(this.placement.place(any())).willThrow(whatJdbcThrowsWhenTheDatabaseIsUnreachable());

		this.mvc
			.perform(post("/orders").with(TestTokens.bearerToken(CUSTOMER))
				.contentType(MediaType.APPLICATION_JSON)
				.content(ORDER))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().exists("Retry-After"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://errors.orderpipeline.dev/service-unavailable"))
			.andExpect(jsonPath("$.detail").value("The order database is temporarily unavailable; retry later."));
	}

	@Test
	void aTransactionThatCannotStartIs503() throws Exception {
		given(this.catalog.get("SKU-1"))
			.willThrow(new CannotCreateTransactionException("Could not open JDBC Connection for transaction"));

		this.mvc.perform(get("/products/SKU-1").with(TestTokens.bearerToken(CUSTOMER)))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.type").value("https://errors.orderpipeline.dev/service-unavailable"));
	}

	@Test
	void anInvalidTransitionIs409() throws Exception {
		UUID id = UUID.randomUUID();
		given(this.cancellation.cancel(any(), eq(id), any()))
			.willThrow(new InvalidOrderTransitionException(id, OrderStatus.PLACED, OrderStatus.CANCELLED));

		this.mvc.perform(post("/orders/" + id + "/cancel").with(TestTokens.bearerToken(CUSTOMER)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://errors.orderpipeline.dev/invalid-order-transition"));
	}

	@Test
	void anUnexpectedFailureIsAProblemThatRevealsNothing() throws Exception {
		UUID id = UUID.randomUUID();
		given(this.queries.get(any(), eq(id))).willThrow(new IllegalStateException("secret internals"));

		String body = this.mvc.perform(get("/orders/" + id).with(TestTokens.bearerToken(CUSTOMER)))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://errors.orderpipeline.dev/internal-error"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain("secret", "IllegalStateException");
	}

	/**
	 * The exception a real pool and JdbcTemplate raise when nothing listens on the port.
	 */
	private static DataAccessException whatJdbcThrowsWhenTheDatabaseIsUnreachable() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/orders");
			dataSource.setUsername("postgres");
			dataSource.setConnectionTimeout(250);
			dataSource.setInitializationFailTimeout(-1);
			DataAccessException thrown = catchThrowableOfType(DataAccessException.class,
					() -> new JdbcTemplate(dataSource).queryForObject("select 1", Integer.class));
			assertThat(thrown).isNotNull();
			return thrown;
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Rules {

		@Bean
		OrderRequestRules orderRequestRules() {
			return new OrderRequestRules(new OrderLimits(100, 1, 1000));
		}

	}

}

package dev.orderpipeline.orders;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class ConcurrentReservationTest {

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcTemplate jdbc;

	OrderApi api;

	@BeforeEach
	void connect() {
		this.api = new OrderApi(this.port);
	}

	@Test
	void hundredBuyersOfTenUnitsGetExactlyTenOrders() throws Exception {
		String sku = this.api.createProduct(1000, 10);

		List<HttpResponse<String>> responses = Concurrently.run(100, () -> this.api.placeOrder(newCustomer(), sku, 1));

		assertThat(responses).filteredOn((response) -> response.statusCode() == 201).hasSize(10);
		assertThat(responses).filteredOn((response) -> response.statusCode() == 409)
			.hasSize(90)
			.allSatisfy((response) -> assertThat(OrderApi.problem(response)).containsEntry("type",
					"https://errors.orderpipeline.dev/insufficient-stock"));
		assertThat(this.api.available(sku)).isZero();
		Map<String, Object> stock = this.jdbc.queryForMap("select on_hand, reserved from stock where sku = ?", sku);
		assertThat(stock).containsEntry("on_hand", 10L).containsEntry("reserved", 10L);
		assertThat(this.jdbc.queryForObject("select count(*) from stock where reserved > on_hand or reserved < 0",
				Long.class))
			.isZero();
		assertThat(this.jdbc
			.queryForObject("select coalesce(sum(l.quantity), 0) from order_line l join orders o on o.id = l.order_id "
					+ "where l.sku = ? and o.status = 'PLACED'", Long.class, sku))
			.isEqualTo(10);
	}

	@Test
	void overlappingMultiLineOrdersNeitherDeadlockNorOversell() throws Exception {
		String a = this.api.createProduct(100, 30);
		String b = this.api.createProduct(100, 30);
		String c = this.api.createProduct(100, 30);

		// Lines in different orders per request: only SKU-sorted locking keeps these
		// apart.
		List<HttpResponse<String>> responses = Concurrently.run(60, () -> {
			boolean reversed = Thread.currentThread().getId() % 2 == 0;
			return reversed ? this.api.placeOrder(newCustomer(), c, 1, b, 1, a, 1)
					: this.api.placeOrder(newCustomer(), a, 1, b, 1, c, 1);
		});

		assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201, 409);
		assertThat(responses).filteredOn((response) -> response.statusCode() == 201).hasSize(30);
		assertThat(List.of(a, b, c)).allSatisfy((sku) -> assertThat(this.api.available(sku)).isZero());
	}

}

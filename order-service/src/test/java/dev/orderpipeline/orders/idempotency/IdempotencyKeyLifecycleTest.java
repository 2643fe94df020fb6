package dev.orderpipeline.orders.idempotency;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.orders.OrderApi;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class IdempotencyKeyLifecycleTest {

	@Value("${local.server.port}")
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	IdempotencyKeyStore store;

	@Autowired
	IdempotencyKeyPurge purge;

	@Test
	void aRequestWhoseKeyIsHeldByAnInFlightTransactionGets409AtOnce() {
		OrderApi api = new OrderApi(this.port);
		String sku = api.createProduct(100, 5);
		String customer = OrderApi.newCustomer();
		String key = UUID.randomUUID().toString();

		// Stand in for a placement that is still running: hold the key's lock in an open
		// transaction while the HTTP request arrives.
		HttpResponse<String> response = this.transactions.execute((status) -> {
			assertThat(this.store.tryLock(new IdempotencyKey("acme", customer, key))).isTrue();
			return CompletableFuture.supplyAsync(
					() -> api.asCustomer(customer).post("/orders", OrderApi.orderJson(sku, 1), "Idempotency-Key", key))
				.orTimeout(10, TimeUnit.SECONDS)
				.join();
		});

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(OrderApi.problem(response)).containsEntry("type",
				"https://errors.orderpipeline.dev/idempotency-key-in-progress");
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(api.available(sku)).isEqualTo(5);
	}

	@Test
	void purgeDeletesKeysOlderThanTheRetentionAndKeepsYoungerOnes() {
		String customer = OrderApi.newCustomer();
		insertKey(customer, "old", Duration.ofHours(25));
		insertKey(customer, "young", Duration.ofHours(23));

		this.purge.purge();

		assertThat(this.jdbc.queryForList("select idempotency_key from idempotency_key where customer_id = ?",
				String.class, customer))
			.containsExactly("young");
	}

	private void insertKey(String customer, String key, Duration age) {
		this.jdbc.update("""
				insert into idempotency_key (tenant_id, customer_id, idempotency_key, request_hash, response_status,
				                             location, response_body, created_at)
				values ('acme', ?, ?, ?, 201, '/orders/x', '{}'::bytea, now() - make_interval(secs => ?))""", customer,
				key, "0".repeat(64), age.toSeconds());
	}

}

package dev.orderpipeline.orders;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.orders.order.OrderEventRecorder;
import dev.orderpipeline.orders.order.domain.OrderCancelled;
import dev.orderpipeline.orders.order.domain.OrderEvent;
import dev.orderpipeline.orders.order.domain.OrderPlaced;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static dev.orderpipeline.orders.OrderApi.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seam the transactional outbox will use: placement and cancellation hand their
 * domain fact to {@link OrderEventRecorder} inside their transaction, so a fact becomes
 * durable exactly when the change it describes commits. Needs its own context, for the
 * recorder. Its relay stays off: it writes no outbox rows, and only one relay in the test
 * JVM should compete for the relay lock (see the outbox tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "orders.outbox.relay.enabled=false")
@WithRealInfrastructure
class OrderEventSeamTest {

	@Value("${local.server.port}")
	int port;

	@Autowired
	CommittedEvents committed;

	OrderApi api;

	@BeforeEach
	void connect() {
		this.api = new OrderApi(this.port);
	}

	@Test
	void placementAndCancellationRecordTheirFactsInTheirTransaction() {
		String sku = this.api.createProduct(100, 5);
		String customer = newCustomer();

		HttpResponse<String> placed = this.api.placeOrder(customer, sku, 2);
		UUID id = UUID.fromString(JsonPath.parse(placed.body()).read("$.id"));
		this.api.asCustomer(customer).post("/orders/" + id + "/cancel", "");
		this.api.asCustomer(customer).post("/orders/" + id + "/cancel", "");

		List<OrderEvent> events = this.committed.of(id);
		assertThat(events).hasSize(2);
		assertThat(events.get(0)).isInstanceOfSatisfying(OrderPlaced.class, (fact) -> {
			assertThat(fact.customerId()).isEqualTo(customer);
			assertThat(fact.tenantId()).isEqualTo(OrderApi.TENANT);
			assertThat(fact.total().amount()).isEqualTo(240);
		});
		assertThat(events.get(1)).isInstanceOfSatisfying(OrderCancelled.class,
				(fact) -> assertThat(fact.releasedLines()).hasSize(1));
	}

	@Test
	void aPlacementThatFailsCommitsNoFact() {
		String sku = this.api.createProduct(100, 1);
		String customer = newCustomer();

		HttpResponse<String> refused = this.api.placeOrder(customer, sku, 2);

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(this.committed.all())
			.noneMatch((event) -> event instanceof OrderPlaced placed && placed.customerId().equals(customer));
	}

	/** Keeps a fact only once its transaction commits, as an outbox row would. */
	static class CommittedEvents implements OrderEventRecorder {

		private final List<OrderEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void record(OrderEvent event) {
			assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					CommittedEvents.this.events.add(event);
				}
			});
		}

		List<OrderEvent> of(UUID orderId) {
			return this.events.stream().filter((event) -> event.orderId().equals(orderId)).toList();
		}

		List<OrderEvent> all() {
			return this.events;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Recording {

		@Bean
		@Primary
		CommittedEvents committedEvents() {
			return new CommittedEvents();
		}

	}

}

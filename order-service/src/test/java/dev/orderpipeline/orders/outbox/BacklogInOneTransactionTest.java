package dev.orderpipeline.orders.outbox;

import java.time.Duration;

import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The benchmark's relay-drain scenario in small: a backlog written in one database
 * transaction, while the application's relay has been idling on an empty outbox (its
 * statements already prepared and planned), is published and deleted, none of it parked.
 */
@SpringBootTest
@WithRealInfrastructure
class BacklogInOneTransactionTest {

	private static final int BACKLOG = 2000;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	OutboxRelay relay;

	@Test
	void aBacklogCommittedInOneTransactionIsPublished() {
		await().atMost(Duration.ofSeconds(30)).until(this.relay::isActive);
		this.transactions.executeWithoutResult((status) -> this.jdbc.update("""
				insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers)
				select e, o, 'order.placed.v1', 1, convert_to(repeat('x', 900), 'UTF8'),
				       jsonb_build_object('ce_specversion', '1.0', 'ce_id', e::text, 'ce_type', 'order.placed.v1',
				       'ce_source', '/order-service', 'ce_time', '2026-11-23T09:16:02.123456Z',
				       'ce_subject', o::text, 'content-type', 'application/json')
				  from (select gen_random_uuid() as e, gen_random_uuid() as o
				          from generate_series(1, ?)) ids""", BACKLOG));
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.jdbc.queryForObject("select count(*) from outbox_event", Long.class) == 0);
		assertThat(
				this.jdbc.queryForObject("select count(*) from outbox_event where parked_at is not null", Long.class))
			.isZero();
	}

}

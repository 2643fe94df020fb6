package dev.orderpipeline.checker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.orderpipeline.checker.PipelineFixture.Order;
import dev.orderpipeline.consumer.purge.InboxPurge;
import dev.orderpipeline.consumer.purge.InboxPurgeSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.orderpipeline.checker.PipelineFixture.ANALYTICS;
import static dev.orderpipeline.checker.PipelineFixture.NOTIFICATION;
import static dev.orderpipeline.checker.PipelineFixture.SEARCH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker against real PostgreSQL databases with the services' schemas and a real
 * topic: it holds on a consistent pipeline, and each invariant fails when its store is
 * broken by hand.
 */
class InvariantCheckerTest {

	private final PipelineFixture pipeline = new PipelineFixture();

	@AfterEach
	void close() {
		this.pipeline.close();
	}

	@Test
	void aConsistentPipelineHoldsEverywhere() {
		Order kept = this.pipeline.place();
		this.pipeline.place();
		Order cancelled = this.pipeline.place();
		this.pipeline.cancel(cancelled);

		CheckReport report = this.pipeline.check();

		assertThat(report.holds()).as(ReportText.format(report)).isTrue();
		assertThat(report.pending()).isZero();
		assertThat(report.invariant(OutboxInvariant.NAME).checked()).isEqualTo(4);
		assertThat(report.invariant(SequenceOrderInvariant.NAME).checked()).isEqualTo(3);
		assertThat(report.invariant(DeliveryInvariant.name(group(SEARCH))).held()).isEqualTo(4);
		assertThat(report.invariant(SearchInvariant.name(group(SEARCH))).held()).isEqualTo(3);
		assertThat(report.invariant(EmailInvariant.name(group(NOTIFICATION))).held()).isEqualTo(4);
		// one day: the daily row and two SKU rows
		assertThat(report.invariant(AnalyticsInvariant.name(group(ANALYTICS))).held()).isEqualTo(3);
		assertThat(report.invariant(StockInvariant.NAME).held()).isEqualTo(2);
		assertThat(report.consumer(group(ANALYTICS))).satisfies((account) -> {
			assertThat(account.published()).isEqualTo(4);
			assertThat(account.applied()).isEqualTo(4);
			assertThat(account.missingCount()).isZero();
		});
		assertThat(kept).isNotNull();
	}

	@Test
	void aCommittedOrderWhoseEventIsNeitherOnTheTopicNorInTheOutboxIsAnOutboxViolation() {
		this.pipeline.place();
		Order lost = this.pipeline.commitOrder();

		CheckReport report = this.pipeline.check();

		assertThat(report.invariant(OutboxInvariant.NAME).violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.id()).isEqualTo(lost.id().toString()))
			.satisfies((violation) -> assertThat(violation.detail())
				.contains("neither on order-events nor in the outbox"));
		// Its effects are not compared: the outbox violation already names it.
		assertThat(report.invariant(SearchInvariant.name(group(SEARCH))).holds()).isTrue();
	}

	@Test
	void anEventStillInTheOutboxIsPendingAndAParkedOneIsAViolation() {
		Order waiting = this.pipeline.commitOrder();
		Order parked = this.pipeline.commitOrder();
		outboxRow(waiting, null);
		outboxRow(parked, Instant.now());

		CheckReport report = this.pipeline.check();

		InvariantReport outbox = report.invariant(OutboxInvariant.NAME);
		assertThat(outbox.pending()).isEqualTo(1);
		assertThat(outbox.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.id()).isEqualTo(parked.id().toString()))
			.satisfies((violation) -> assertThat(violation.detail()).contains("parked").contains("too large"));
	}

	@Test
	void aCancellationThatFirstAppearsBeforeItsPlacementIsASequenceViolation() {
		Order order = this.pipeline.commitOrder();
		this.pipeline.publish(order.cancellation(this.pipeline.commitCancellation(order)));
		this.pipeline.publish(order.placement());

		CheckReport report = this.pipeline.check();

		assertThat(report.invariant(SequenceOrderInvariant.NAME).violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.detail()).contains("sequence 1 first appears"));
	}

	@Test
	void aLaterDuplicateOfAnEventIsNotAViolationEvenWithAnUpperCaseId() {
		Order order = this.pipeline.place();
		this.pipeline.cancel(order);
		this.pipeline.publish(order.placement());
		ProducerRecord<String, byte[]> upper = order.placement().outgoing().toProducerRecord();
		upper.headers().remove("ce_id");
		upper.headers()
			.add("ce_id", order.placementId().toString().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
		this.pipeline.send(upper);
		this.pipeline.commitAll();

		CheckReport report = this.pipeline.check();

		assertThat(report.holds()).as(ReportText.format(report)).isTrue();
		assertThat(report.consumer(group(NOTIFICATION)).published()).isEqualTo(2);
	}

	@Test
	void anInboxRowDeletedByHandIsNamedAsMissingForThatGroupOnly() {
		this.pipeline.place();
		Order order = this.pipeline.place();
		StoreDatabases.execute(this.pipeline.consumers.get(ANALYTICS), "delete from processed_event where event_id = ?",
				order.placementId());

		CheckReport report = this.pipeline.check();

		ConsumerReconciliation analytics = report.consumer(group(ANALYTICS));
		assertThat(analytics.missingCount()).isEqualTo(1);
		assertThat(analytics.missing()).singleElement().satisfies((missing) -> {
			assertThat(missing.eventId()).isEqualTo(order.placementId().toString());
			assertThat(missing.subject()).isEqualTo(order.id().toString());
			assertThat(missing.type()).isEqualTo("order.placed.v1");
		});
		assertThat(report.invariant(DeliveryInvariant.name(group(ANALYTICS))).holds()).isFalse();
		assertThat(report.invariant(DeliveryInvariant.name(group(SEARCH))).holds()).isTrue();
		assertThat(report.consumer(group(SEARCH)).missingCount()).isZero();
	}

	@Test
	void eventsWhoseInboxRowsThePurgeRemovedAreCountedAsPurgedAndLaterLossesAreStillMissing() {
		this.pipeline.place();
		Order purgedBefore = this.pipeline.place();
		// The runtime's own purge, with no retention: both events are below its mark and
		// committed past, so their inbox rows go.
		InboxPurge purge = new InboxPurge(new JdbcTemplate(this.pipeline.consumers.get(ANALYTICS)),
				Map.of("bootstrap.servers", this.pipeline.bootstrap), group(ANALYTICS), List.of(this.pipeline.topic),
				new InboxPurgeSettings(true, Duration.ZERO, Duration.ofMinutes(10), 1000), new SimpleMeterRegistry());
		assertThat(purge.purgeOnce()).isEqualTo(2);
		this.pipeline.place();
		Order lost = this.pipeline.place();
		StoreDatabases.execute(this.pipeline.consumers.get(ANALYTICS), "delete from processed_event where event_id = ?",
				lost.placementId());

		CheckReport report = this.pipeline.check();

		ConsumerReconciliation analytics = report.consumer(group(ANALYTICS));
		assertThat(analytics.published()).isEqualTo(4);
		assertThat(analytics.purged()).as("applied, proof purged").isEqualTo(2);
		assertThat(analytics.applied()).isEqualTo(1);
		assertThat(analytics.missing()).singleElement()
			.satisfies((missing) -> assertThat(missing.eventId()).isEqualTo(lost.placementId().toString()));
		assertThat(report.consumer(group(SEARCH)).purged()).isZero();
		assertThat(report.invariant(DeliveryInvariant.name(group(SEARCH))).holds()).isTrue();
		assertThat(purgedBefore).isNotNull();
	}

	@Test
	void anEventTheGroupHasNotConsumedYetIsPendingNotMissing() {
		Order order = this.pipeline.commitOrder();
		this.pipeline.publish(order.placement());

		CheckReport report = this.pipeline.check();

		assertThat(report.holds()).as(ReportText.format(report)).isTrue();
		assertThat(report.consumer(group(SEARCH)).pending()).isEqualTo(1);
		assertThat(report.invariant(SearchInvariant.name(group(SEARCH))).pending()).isEqualTo(1);
	}

	@Test
	void aPoisonRecordMustBeDeadLetteredWithAReason() {
		this.pipeline.place();
		RecordMetadata poison = this.pipeline.send(new ProducerRecord<>("ignored", null, "not-an-order",
				"{not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders()));
		this.pipeline.commitAll();
		deadLetter(SEARCH, poison, "dev.orderpipeline.events.EventFormatException",
				"Not a valid binary-mode CloudEvent");
		deadLetter(ANALYTICS, poison, null, null);

		CheckReport report = this.pipeline.check();

		assertThat(report.invariant(DeliveryInvariant.name(group(SEARCH))).holds()).isTrue();
		assertThat(report.consumer(group(SEARCH)).deadLettered()).isEqualTo(1);
		assertThat(report.invariant(DeliveryInvariant.name(group(ANALYTICS))).violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.detail()).isEqualTo("dead-lettered without a reason"));
		assertThat(report.consumer(group(NOTIFICATION)).missing()).singleElement()
			.satisfies((missing) -> assertThat(missing.offset()).isEqualTo(poison.offset()));
	}

	@Test
	void aSkewedAnalyticsTotalIsAViolation() {
		this.pipeline.place();
		StoreDatabases.execute(this.pipeline.consumers.get(ANALYTICS),
				"update daily_sku_totals set units_sold = units_sold + 1 where sku = 'SKU-B'");

		CheckReport report = this.pipeline.check();

		assertThat(report.invariant(AnalyticsInvariant.name(group(ANALYTICS))).violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.id()).startsWith("sku acme ").endsWith(" EUR SKU-B"))
			.satisfies((violation) -> assertThat(violation.detail())
				.isEqualTo("is [2, 250, 0, 0], the orders' sums are [1, 250, 0, 0]"));
	}

	@Test
	void aMissingOrWrongSearchDocumentIsAViolation() {
		Order deleted = this.pipeline.place();
		Order stale = this.pipeline.place();
		this.pipeline.cancel(stale);
		Order wrongLine = this.pipeline.place();
		PgSearch search = new PgSearch(this.pipeline);
		search.execute("delete from order_document where order_id = ?", deleted.id());
		search.execute("update order_document set status = 'PLACED' where order_id = ?", stale.id());
		search.execute("update order_document set lines = jsonb_set(lines, '{0,quantity}', '3') where order_id = ?",
				wrongLine.id());

		CheckReport report = this.pipeline.check();

		assertThat(report.invariant(SearchInvariant.name(group(SEARCH))).violations())
			.extracting(Violation::id, Violation::detail)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(deleted.id().toString(), "no document"),
					org.assertj.core.groups.Tuple.tuple(stale.id().toString(),
							"status is PLACED, the order's is CANCELLED"),
					org.assertj.core.groups.Tuple.tuple(wrongLine.id().toString(),
							"lines is [Line[sku=SKU-A, productName=Product SKU-A, quantity=3, unitPrice=1000, lineTotal=2000],"
									+ " Line[sku=SKU-B, productName=Product SKU-B, quantity=1, unitPrice=250, lineTotal=250]],"
									+ " the order's is [Line[sku=SKU-A, productName=Product SKU-A, quantity=2, unitPrice=1000,"
									+ " lineTotal=2000], Line[sku=SKU-B, productName=Product SKU-B, quantity=1, unitPrice=250,"
									+ " lineTotal=250]]"));
	}

	@Test
	void aSecondFailedOrUnreceivedEmailIsAViolationAResentOneIsNot() {
		Order twice = this.pipeline.place();
		Order failed = this.pipeline.place();
		Order received = this.pipeline.place();
		Order resent = this.pipeline.place();
		StoreDatabases.execute(this.pipeline.consumers.get(NOTIFICATION), """
				insert into notification (event_id, order_id, kind, recipient, subject, status, tenant_id)
				values (?, ?, 'ORDER_CONFIRMATION', 'one@example.com', 'Your order', 'SENT', 'acme')""",
				UUID.randomUUID(), twice.id());
		StoreDatabases.execute(this.pipeline.consumers.get(NOTIFICATION),
				"update notification set status = 'FAILED' where order_id = ?", failed.id());
		// received: SENT but not at the mail server; resent: at the mail server twice
		// under one Message-ID (the SMTP hand-off's at-least-once window), which is no
		// violation.
		MailLog mail = new MailLog(Map.of(resent.placementId().toString(), 2));

		CheckReport report = new InvariantChecker(this.pipeline.sources()).check(CheckWindow.all(),
				CheckOptions.defaults().withMail(mail));

		assertThat(report.invariant(EmailInvariant.name(group(NOTIFICATION))).violations())
			.extracting(Violation::id, Violation::detail)
			.contains(
					org.assertj.core.groups.Tuple.tuple(twice.id().toString(),
							"2 ORDER_CONFIRMATION notifications, expected 1"),
					org.assertj.core.groups.Tuple.tuple(failed.id().toString(),
							"ORDER_CONFIRMATION is FAILED, not SENT"),
					org.assertj.core.groups.Tuple.tuple(received.id().toString(), "ORDER_CONFIRMATION (event "
							+ received.placementId() + ") is SENT but never reached the mail server"));
		assertThat(report.invariant(EmailInvariant.name(group(NOTIFICATION))).violations()).extracting(Violation::id)
			.doesNotContain(resent.id().toString());
		assertThat(mail.resent()).isEqualTo(1);
	}

	@Test
	void stockThatDisagreesWithTheOpenOrdersIsAViolation() {
		this.pipeline.place();
		StoreDatabases.execute(this.pipeline.orders, "alter table stock drop constraint stock_reserved_within_on_hand");
		StoreDatabases.execute(this.pipeline.orders, "update stock set reserved = reserved + 1 where sku = 'SKU-A'");
		StoreDatabases.execute(this.pipeline.orders, "update stock set on_hand = 0 where sku = 'SKU-B'");

		CheckReport report = this.pipeline.check();

		assertThat(report.invariant(StockInvariant.NAME).violations()).extracting(Violation::id, Violation::detail)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-A", "reserved is 3, the open orders hold 2"),
					org.assertj.core.groups.Tuple.tuple("SKU-B", "reserved 1 is more than on_hand 0"));
	}

	@Test
	void eventsOfAnOrderThatDoesNotExistAreViolationsUnlessTheOrderIsDeclared() {
		Order foreign = new Order(UUID.randomUUID(), Instant.now().minusSeconds(120), UUID.randomUUID(),
				UUID.randomUUID());
		// Published two minutes ago by an outside producer, so surely before the check's
		// snapshot of the truth.
		ProducerRecord<String, byte[]> record = foreign.placement().outgoing().toProducerRecord();
		this.pipeline.send(new ProducerRecord<>(record.topic(), null, foreign.placedAt().toEpochMilli(), record.key(),
				record.value(), record.headers()));
		for (String service : List.of(NOTIFICATION, ANALYTICS, SEARCH)) {
			this.pipeline.apply(service, foreign, foreign.placement());
		}
		this.pipeline.commitAll();

		CheckReport undeclared = this.pipeline.check();
		CheckReport declared = new InvariantChecker(this.pipeline.sources()).check(CheckWindow.all(),
				CheckOptions.defaults().withDeclaredOrders(List.of(truthOf(foreign))));

		assertThat(undeclared.invariant(SearchInvariant.name(group(SEARCH))).violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.detail()).contains("does not exist"));
		assertThat(undeclared.invariant(AnalyticsInvariant.name(group(ANALYTICS))).holds()).isFalse();
		assertThat(undeclared.invariant(EmailInvariant.name(group(NOTIFICATION))).holds()).isFalse();
		assertThat(declared.holds()).as(ReportText.format(declared)).isTrue();
	}

	@Test
	void aWindowCoversOnlyTheOrdersCreatedInIt() {
		Order before = this.pipeline.place();
		StoreDatabases.execute(this.pipeline.consumers.get(SEARCH), "delete from order_document where order_id = ?",
				before.id());
		Instant from = Instant.now();
		this.pipeline.place();

		CheckReport window = new InvariantChecker(this.pipeline.sources())
			.check(new CheckWindow(from, Instant.now().plusSeconds(1)));

		assertThat(window.invariant(SearchInvariant.name(group(SEARCH))).checked()).isEqualTo(1);
		assertThat(window.invariant(SearchInvariant.name(group(SEARCH))).holds()).isTrue();
		assertThat(this.pipeline.check().invariant(SearchInvariant.name(group(SEARCH))).holds()).isFalse();
	}

	private String group(String service) {
		return this.pipeline.group(service);
	}

	private void outboxRow(Order order, Instant parkedAt) {
		StoreDatabases.execute(this.pipeline.orders,
				"""
						insert into outbox_event (event_id, order_id, event_type, sequence, payload, headers, parked_at, last_error)
						values (?, ?, 'order.placed.v1', 1, '\\x7b7d', '{}'::jsonb, ?, ?)""",
				order.placementId(), order.id(), (parkedAt != null) ? java.sql.Timestamp.from(parkedAt) : null,
				(parkedAt != null) ? "RecordTooLargeException: too large" : null);
	}

	private void deadLetter(String service, RecordMetadata original, String exception, String message) {
		StoreDatabases.execute(this.pipeline.consumers.get(service), """
				insert into dead_letter (dlt_topic, dlt_partition, dlt_offset, original_topic, original_partition,
				    original_offset, exception_class, exception_message, first_failed_at, headers)
				values (?, 0, ?, ?, ?, ?, ?, ?, now(), '[]'::jsonb)""", group(service) + ".dlt", original.offset(),
				original.topic(), original.partition(), original.offset(), exception, message);
	}

	private static OrderTruth truthOf(Order order) {
		return new OrderTruth(order.id(), "acme", "customer-1", "one@example.com", false, "EUR", 2250, 450, 2700,
				order.placedAt(), null, 1, List.of(new OrderTruth.Line("SKU-A", "Product SKU-A", 2, 1000, 2000),
						new OrderTruth.Line("SKU-B", "Product SKU-B", 1, 250, 250)),
				false);
	}

	/** The search database of the fixture. */
	private record PgSearch(PipelineFixture pipeline) {

		void execute(String sql, Object... parameters) {
			StoreDatabases.execute(this.pipeline.consumers.get(SEARCH), sql, parameters);
		}

	}

}

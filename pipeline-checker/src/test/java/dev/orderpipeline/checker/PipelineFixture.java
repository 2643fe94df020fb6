package dev.orderpipeline.checker;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.EmbeddedInfrastructure;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A pipeline played by hand, so each store can be broken on purpose: orders written to a
 * real orders database, their events published as real CloudEvents records to a real
 * topic, and each consumer's inbox and effects written the way the services write them,
 * with the groups' offsets committed on the broker. Every test gets its own databases,
 * topic and groups.
 */
public final class PipelineFixture implements AutoCloseable {

	public static final String NOTIFICATION = "notification-service";

	public static final String ANALYTICS = "analytics-service";

	public static final String SEARCH = "search-projection-service";

	final String suffix = StoreDatabases.newSuffix();

	public final String topic = "order-events-" + this.suffix;

	public final PGSimpleDataSource orders = StoreDatabases.orders(this.suffix);

	public final Map<String, PGSimpleDataSource> consumers = new HashMap<>();

	private final KafkaProducer<String, byte[]> producer;

	public final String bootstrap = EmbeddedInfrastructure.get().kafka().bootstrapServers();

	public PipelineFixture() {
		for (String service : List.of(NOTIFICATION, ANALYTICS, SEARCH)) {
			this.consumers.put(service, StoreDatabases.consumer(service, this.suffix));
		}
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.bootstrap))) {
			admin.createTopics(List.of(new NewTopic(this.topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer());
		for (String sku : List.of("SKU-A", "SKU-B")) {
			StoreDatabases.execute(this.orders,
					"insert into product (sku, name, price_minor, currency) values (?, ?, ?, 'EUR')", sku,
					"Product " + sku, sku.equals("SKU-A") ? 1000L : 250L);
			StoreDatabases.execute(this.orders, "insert into stock (sku, on_hand) values (?, 100)", sku);
		}
	}

	/** Runs one statement on one of the fixture's databases. */
	public static int execute(PGSimpleDataSource dataSource, String sql, Object... parameters) {
		return StoreDatabases.execute(dataSource, sql, parameters);
	}

	public String group(String service) {
		return service + "-" + this.suffix;
	}

	CheckerSources sources() {
		return new CheckerSources(this.orders, Map.of("bootstrap.servers", this.bootstrap), this.topic,
				List.of(new ConsumerStore(group(NOTIFICATION), ConsumerKind.NOTIFICATION,
						this.consumers.get(NOTIFICATION)),
						new ConsumerStore(group(ANALYTICS), ConsumerKind.ANALYTICS, this.consumers.get(ANALYTICS)),
						new ConsumerStore(group(SEARCH), ConsumerKind.SEARCH, this.consumers.get(SEARCH))));
	}

	CheckReport check() {
		return new InvariantChecker(sources()).check(CheckWindow.all());
	}

	/**
	 * Places an order of 2 × SKU-A and 1 × SKU-B: committed, published, applied
	 * everywhere.
	 */
	public Order place() {
		Order order = commitOrder();
		publishAndApply(order, order.placement());
		return order;
	}

	/** An order committed to the orders database only, as if its event were lost. */
	Order commitOrder() {
		Order order = new Order(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID(),
				UUID.randomUUID());
		StoreDatabases.execute(this.orders, """
				insert into orders (id, customer_id, customer_email, status, currency, subtotal_minor, tax_minor,
				    total_minor, tax_rate_bp, created_at, tenant_id, event_sequence)
				values (?, 'customer-1', 'one@example.com', 'PLACED', 'EUR', 2250, 450, 2700, 2000, ?, 'acme', 1)""",
				order.id(), Timestamp.from(order.placedAt()));
		StoreDatabases.execute(this.orders,
				"""
						insert into order_line (order_id, line_no, sku, product_name, quantity, unit_price_minor, line_total_minor)
						values (?, 1, 'SKU-A', 'Product SKU-A', 2, 1000, 2000), (?, 2, 'SKU-B', 'Product SKU-B', 1, 250, 250)""",
				order.id(), order.id());
		StoreDatabases.execute(this.orders,
				"update stock set reserved = reserved + case sku when 'SKU-A' then 2 else 1 end");
		return order;
	}

	/** Cancels an order: committed, published, applied everywhere. */
	void cancel(Order order) {
		Instant cancelledAt = commitCancellation(order);
		publishAndApply(order, order.cancellation(cancelledAt));
	}

	Instant commitCancellation(Order order) {
		Instant cancelledAt = order.placedAt().plusMillis(1);
		StoreDatabases.execute(this.orders,
				"update orders set status = 'CANCELLED', cancelled_at = ?, event_sequence = 2 where id = ?",
				Timestamp.from(cancelledAt), order.id());
		StoreDatabases.execute(this.orders,
				"update stock set reserved = reserved - case sku when 'SKU-A' then 2 else 1 end");
		return cancelledAt;
	}

	void publishAndApply(Order order, Event event) {
		publish(event);
		for (String service : List.of(NOTIFICATION, ANALYTICS, SEARCH)) {
			apply(service, order, event);
		}
		commitAll();
	}

	RecordMetadata publish(Event event) {
		return send(event.outgoing().toProducerRecord());
	}

	RecordMetadata send(ProducerRecord<String, byte[]> record) {
		ProducerRecord<String, byte[]> onTopic = new ProducerRecord<>(this.topic, null, record.timestamp(),
				record.key(), record.value(), record.headers());
		try {
			return this.producer.send(onTopic).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Writes what the consumer service writes for the event: its inbox row and its
	 * effect.
	 */
	void apply(String service, Order order, Event event) {
		PGSimpleDataSource store = this.consumers.get(service);
		StoreDatabases.execute(store, "insert into processed_event (event_id, event_type, order_id) values (?, ?, ?)",
				event.id(), event.outgoing().type().wireType(), order.id().toString());
		boolean cancellation = event.outgoing().type().typeName().equals("order.cancelled");
		switch (service) {
			case SEARCH -> applySearch(store, order, cancellation);
			case NOTIFICATION -> StoreDatabases.execute(store, """
					insert into notification (event_id, order_id, kind, recipient, subject, status, tenant_id)
					values (?, ?, ?, 'one@example.com', 'Your order', 'SENT', 'acme')""", event.id(), order.id(),
					cancellation ? "ORDER_CANCELLATION" : "ORDER_CONFIRMATION");
			default -> applyAnalytics(store, order, cancellation);
		}
	}

	private static void applySearch(PGSimpleDataSource store, Order order, boolean cancellation) {
		if (cancellation) {
			StoreDatabases.execute(store,
					"update order_document set status = 'CANCELLED', last_sequence = 2 where order_id = ?", order.id());
			return;
		}
		StoreDatabases.execute(store,
				"""
						insert into order_document (order_id, status, customer_id, customer_email, currency, subtotal_amount,
						    tax_amount, total_amount, sku_words, product_names, skus, lines, placed_at, last_sequence, tenant_id)
						values (?, 'PLACED', 'customer-1', 'one@example.com', 'EUR', 2250, 450, 2700, 'SKU-A SKU-B',
						    'Product SKU-A Product SKU-B', '{SKU-A,SKU-B}', ?::jsonb, ?, 1, 'acme')""",
				order.id(),
				"""
						[{"sku":"SKU-A","productName":"Product SKU-A","quantity":2,"unitPrice":{"amount":1000,"currency":"EUR"},"lineTotal":{"amount":2000,"currency":"EUR"}},
						 {"sku":"SKU-B","productName":"Product SKU-B","quantity":1,"unitPrice":{"amount":250,"currency":"EUR"},"lineTotal":{"amount":250,"currency":"EUR"}}]""",
				Timestamp.from(order.placedAt()));
	}

	private static void applyAnalytics(PGSimpleDataSource store, Order order, boolean cancellation) {
		Date day = Date.valueOf(LocalDate.ofInstant(order.placedAt(), ZoneOffset.UTC));
		if (cancellation) {
			StoreDatabases.execute(store, """
					update daily_order_totals set orders_cancelled = orders_cancelled + 1,
					    cancelled_revenue = cancelled_revenue + 2700, cancellations_on_day = cancellations_on_day + 1
					where tenant_id = 'acme' and day = ? and currency = 'EUR'""", day);
			StoreDatabases.execute(store,
					"""
							update daily_sku_totals set units_cancelled = units_cancelled + case sku when 'SKU-A' then 2 else 1 end,
							    cancelled_revenue = cancelled_revenue + case sku when 'SKU-A' then 2000 else 250 end
							where tenant_id = 'acme' and day = ? and currency = 'EUR'""",
					day);
			return;
		}
		StoreDatabases.execute(store,
				"""
						insert into daily_order_totals (tenant_id, day, currency, orders_placed, gross_revenue)
						values ('acme', ?, 'EUR', 1, 2700)
						on conflict (tenant_id, day, currency) do update set orders_placed = daily_order_totals.orders_placed + 1,
						    gross_revenue = daily_order_totals.gross_revenue + 2700""",
				day);
		StoreDatabases.execute(store, """
				insert into daily_sku_totals (tenant_id, day, currency, sku, units_sold, gross_revenue)
				values ('acme', ?, 'EUR', 'SKU-A', 2, 2000), ('acme', ?, 'EUR', 'SKU-B', 1, 250)
				on conflict (tenant_id, day, currency, sku) do update set
				    units_sold = daily_sku_totals.units_sold + excluded.units_sold,
				    gross_revenue = daily_sku_totals.gross_revenue + excluded.gross_revenue""", day, day);
	}

	/**
	 * Commits every group's offsets at the topic's end, as consumers that are done would.
	 */
	void commitAll() {
		for (String service : List.of(NOTIFICATION, ANALYTICS, SEARCH)) {
			commit(group(service));
		}
	}

	void commit(String group) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group,
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			consumer.partitionsFor(this.topic)
				.forEach((info) -> partitions.add(new TopicPartition(this.topic, info.partition())));
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			consumer.endOffsets(partitions, Duration.ofSeconds(30))
				.forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end)));
			consumer.commitSync(offsets);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

	/**
	 * An order of the fixture with the ids of its two events.
	 */
	public record Order(UUID id, Instant placedAt, UUID placementId, UUID cancellationId) {

		Event placement() {
			return new Event(this.placementId, events().placed(this.placementId));
		}

		Event cancellation(Instant cancelledAt) {
			return new Event(this.cancellationId, events().cancelledAt(cancelledAt).cancelled(this.cancellationId));
		}

		/**
		 * What {@link PipelineFixture#commitOrder()} writes, as
		 * order.placed/cancelled.v1.
		 */
		private TestOrder events() {
			return TestOrders.order(this.id)
				.version(1)
				.customer("customer-1", "one@example.com")
				.line("SKU-A", 2, 1000)
				.line("SKU-B", 1, 250)
				.tax(450)
				.placedAt(this.placedAt)
				.reason(null);
		}

	}

	/** An event as encoded for the topic. */
	record Event(UUID id, OutgoingEvent outgoing) {

	}

}

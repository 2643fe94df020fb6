package dev.orderpipeline.monitor.reconciliation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.infra.LocalInfrastructure;
import dev.orderpipeline.infra.PostgresServer;
import dev.orderpipeline.testing.events.TestOrders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;

/**
 * The stores a reconciliation test reads, on the embedded servers: an orders database
 * with order-service's real schema (from its own migrations), an empty database for the
 * consumer service (it migrates its own), and a source topic as order-service declares it
 * locally (6 partitions, replication factor 1; the consumer checks it). Orders are
 * written to the orders database and their events published as order-service would, one
 * placement of 2 × SKU-A and 1 × SKU-B each.
 */
final class ReconciledStores {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	final LocalInfrastructure infrastructure;

	final String ordersDatabase;

	final String consumerDatabase;

	final String topic;

	ReconciledStores(LocalInfrastructure infrastructure, String suffix) {
		this.infrastructure = infrastructure;
		this.ordersDatabase = "orders_" + suffix;
		this.consumerDatabase = "search_" + suffix;
		this.topic = "reconciled-events-" + suffix;
		createDatabase(this.ordersDatabase);
		createDatabase(this.consumerDatabase);
		Flyway.configure()
			.dataSource(jdbcUrl(this.ordersDatabase), PostgresServer.USER, PostgresServer.PASSWORD)
			.locations("filesystem:" + ROOT.resolve("order-service/src/main/resources/db/migration"))
			.load()
			.migrate();
		for (String sku : List.of("SKU-A", "SKU-B")) {
			execute(this.ordersDatabase,
					"insert into product (sku, name, price_minor, currency) values (?, ?, ?, 'EUR')", sku,
					"Product " + sku, sku.equals("SKU-A") ? 1000L : 250L);
			execute(this.ordersDatabase, "insert into stock (sku, on_hand) values (?, 100)", sku);
		}
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(this.topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create " + this.topic, ex);
		}
	}

	String bootstrapServers() {
		return this.infrastructure.kafka().bootstrapServers();
	}

	String jdbcUrl(String database) {
		return this.infrastructure.postgres().jdbcUrl(database);
	}

	/**
	 * Commits an order and publishes its placement; returns the order id and event id.
	 */
	PlacedOrder place() {
		UUID order = UUID.randomUUID();
		UUID event = UUID.randomUUID();
		Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		execute(this.ordersDatabase, """
				insert into orders (id, customer_id, customer_email, status, currency, subtotal_minor, tax_minor,
				    total_minor, tax_rate_bp, created_at, tenant_id, event_sequence)
				values (?, 'customer-1', 'one@example.com', 'PLACED', 'EUR', 2250, 450, 2700, 2000, ?, 'acme', 1)""",
				order, Timestamp.from(placedAt));
		execute(this.ordersDatabase,
				"""
						insert into order_line (order_id, line_no, sku, product_name, quantity, unit_price_minor, line_total_minor)
						values (?, 1, 'SKU-A', 'Product SKU-A', 2, 1000, 2000), (?, 2, 'SKU-B', 'Product SKU-B', 1, 250, 250)""",
				order, order);
		execute(this.ordersDatabase, "update stock set reserved = reserved + case sku when 'SKU-A' then 2 else 1 end");
		ProducerRecord<String, byte[]> record = TestOrders.order(order)
			.version(1)
			.customer("customer-1", "one@example.com")
			.line("SKU-A", 2, 1000)
			.line("SKU-B", 1, 250)
			.tax(450)
			.placedAt(placedAt)
			.placed(event)
			.toProducerRecord();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(this.topic, null, record.key(), record.value(), record.headers()))
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish the placement of " + order, ex);
		}
		return new PlacedOrder(order, event);
	}

	int execute(String database, String sql, Object... parameters) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(database), PostgresServer.USER,
				PostgresServer.PASSWORD); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			return statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	private void createDatabase(String database) {
		execute("postgres", "create database " + database);
	}

	record PlacedOrder(UUID orderId, UUID eventId) {
	}

}

package dev.orderpipeline.infra;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.infra.services.ServiceModule;
import dev.orderpipeline.infra.services.ServiceModules;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalInfrastructureTest {

	static LocalInfrastructure infrastructure;

	static LocalInfrastructure.Settings settings;

	@BeforeAll
	static void start() {
		settings = LocalInfrastructure.Settings.ephemeral();
		infrastructure = LocalInfrastructure.start(settings, System.out::println);
	}

	@AfterAll
	static void stop() {
		if (infrastructure != null) {
			infrastructure.close();
		}
	}

	@Test
	void everyServiceFoundByConventionGetsItsOwnDatabaseOnARealPostgresServer() throws Exception {
		ServiceModules modules = ServiceModules.around(Path.of(""));
		List<String> databases = java.util.stream.Stream
			.concat(java.util.stream.Stream.of(modules.orderService()), modules.consumers().stream())
			.map(ServiceModule::database)
			.toList();
		assertThat(databases).contains("orders", "notifications", "analytics", "search").doesNotHaveDuplicates();
		for (String database : databases) {
			infrastructure.postgres().createDatabaseIfMissing(database);
			try (var connection = DriverManager.getConnection(infrastructure.postgres().jdbcUrl(database),
					PostgresServer.USER, PostgresServer.PASSWORD);
					var result = connection.createStatement()
						.executeQuery("select current_database(), current_setting('server_version_num')::int")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getString(1)).isEqualTo(database);
				assertThat(result.getInt(2)).isGreaterThanOrEqualTo(170000);
			}
		}
	}

	@Test
	void testInfrastructureTradesDurabilityForSpeedAndSaysSo() throws Exception {
		assertThat(settings.durability()).isEqualTo(PostgresServer.Durability.FAST_UNSAFE);
		try (var connection = DriverManager.getConnection(infrastructure.postgres().jdbcUrl("postgres"),
				PostgresServer.USER, PostgresServer.PASSWORD);
				var result = connection.createStatement()
					.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit')")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).isEqualTo("off");
			assertThat(result.getString(2)).isEqualTo("off");
		}
	}

	@Test
	void aDatabaseIsCreatedOnDemandOnce() throws Exception {
		infrastructure.postgres().createDatabaseIfMissing("points");
		infrastructure.postgres().createDatabaseIfMissing("points");
		try (var connection = DriverManager.getConnection(infrastructure.postgres().jdbcUrl("points"),
				PostgresServer.USER, PostgresServer.PASSWORD)) {
			assertThat(connection.getCatalog()).isEqualTo("points");
		}
	}

	@Test
	void brokerAcceptsAndServesRecordsAndSurvivesARestart() throws Exception {
		String bootstrap = infrastructure.kafka().bootstrapServers();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
			admin.createTopics(List.of(new NewTopic("infra-check", 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
		}
		send(bootstrap, "before-restart");

		infrastructure.kafka().stop();
		assertThat(infrastructure.kafka().isRunning()).isFalse();
		assertThat(Ports.isListening(infrastructure.kafka().port())).isFalse();
		infrastructure.kafka().start();

		send(bootstrap, "after-restart");
		assertThat(readAll(bootstrap)).containsExactly("before-restart", "after-restart");
	}

	@Test
	void autoCreationOfTopicsIsOff() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.kafka().bootstrapServers()))) {
			Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
			assertThat(names).doesNotContain("never-declared");
		}
	}

	private static void send(String bootstrap, String value) throws Exception {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>("infra-check", "key", value)).get(30, TimeUnit.SECONDS);
		}
	}

	private static List<String> readAll(String bootstrap) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-check");
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (var consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("infra-check"));
			var values = new java.util.ArrayList<String>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.size() < 2 && System.nanoTime() < deadline) {
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
				records.forEach(record -> values.add(record.value()));
			}
			return values;
		}
	}

}

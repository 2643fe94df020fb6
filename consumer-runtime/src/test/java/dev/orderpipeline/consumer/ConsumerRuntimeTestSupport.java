package dev.orderpipeline.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.orderpipeline.consumer.example.ExampleConsumerApplication;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * One application context for every test of the runtime: the example consumer on real
 * PostgreSQL and Kafka, with {@link Faults} in front of its handler. Every test uses its
 * own order and event ids, so tests sharing the topic and the group do not see each
 * other's effects.
 */
@SpringBootTest(classes = ExampleConsumerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@Import(FaultInjection.class)
abstract class ConsumerRuntimeTestSupport {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Autowired
	JdbcTemplate jdbc;

	/**
	 * Boot's client factories: their settings include the connection details in either
	 * mode.
	 */
	@Autowired
	ConsumerFactory<?, ?> consumerFactory;

	@Autowired
	ProducerFactory<?, ?> producerFactory;

	@Autowired
	Faults faults;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ConsumerTopics topics;

	@Autowired
	ConsumerContainers containers;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private KafkaProducer<String, byte[]> producer;

	@AfterEach
	void closeProducer() {
		if (this.producer != null) {
			this.producer.close();
		}
	}

	void send(OutgoingEvent event) {
		send(event.toProducerRecord());
	}

	RecordMetadata send(ProducerRecord<String, byte[]> record) {
		try {
			return producer().send(record).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	KafkaProducer<String, byte[]> producer() {
		if (this.producer == null) {
			this.producer = new KafkaProducer<>(new HashMap<>(this.producerFactory.getConfigurationProperties()),
					new StringSerializer(), new ByteArraySerializer());
		}
		return this.producer;
	}

	int effects(String eventId) {
		return this.jdbc.queryForObject("select count(*) from example_effect where event_id = ?::uuid", Integer.class,
				eventId);
	}

	/** Every record now on a topic, read without a consumer group. */
	List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		Map<String, Object> config = new HashMap<>(this.consumerFactory.getConfigurationProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (partitions.stream().anyMatch((tp) -> consumer.position(tp) < end.get(tp))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + topic + " to its end");
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	List<ConsumerRecord<String, byte[]>> recordsWithHeader(String topic, String header, String value) {
		return readAll(topic).stream().filter((record) -> value.equals(header(record, header))).toList();
	}

	static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	Map<String, Object> adminConfig() {
		Map<String, Object> config = new HashMap<>();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		return config;
	}

	String bootstrapServers() {
		Object servers = this.producerFactory.getConfigurationProperties().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
		return (servers instanceof Collection<?> list)
				? list.stream().map(Object::toString).collect(Collectors.joining(",")) : String.valueOf(servers);
	}

	double count(String name, String... tags) {
		return this.meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
	}

	/** As an ops user: the dead-letter endpoints and metrics are theirs. */
	HttpResponse<String> get(String path) throws Exception {
		return send("GET", path, TestTokens.ops());
	}

	HttpResponse<String> post(String path) throws Exception {
		return send("POST", path, TestTokens.ops());
	}

	/**
	 * @param token the bearer token, or null to send none
	 */
	HttpResponse<String> send(String method, String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", TestTokens.bearer(token));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	Long deadLetterId(String eventId) {
		List<Long> ids = this.jdbc.queryForList("select id from dead_letter where event_id = ? order by id", Long.class,
				eventId);
		return ids.isEmpty() ? null : ids.get(ids.size() - 1);
	}

}

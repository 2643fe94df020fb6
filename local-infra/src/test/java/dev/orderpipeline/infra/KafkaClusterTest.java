package dev.orderpipeline.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three combined broker/controller nodes in one KRaft quorum, {@code order-events} at
 * replication factor 3 with {@code min.insync.replicas=2}: one node killed with SIGKILL
 * while a producer with {@code acks=all} keeps writing loses no acknowledged record, and
 * a consumer group keeps consuming through it.
 */
class KafkaClusterTest {

	static final String TOPIC = "order-events";

	static Path directory;

	static KafkaCluster cluster;

	@BeforeAll
	static void start() throws Exception {
		directory = Files.createTempDirectory("kafka-cluster-test-");
		cluster = KafkaCluster.startOnFreePorts(3, directory);
		try (Admin admin = admin()) {
			admin
				.createTopics(List.of(new NewTopic(TOPIC, 3, cluster.replicationFactor())
					.configs(Map.of("min.insync.replicas", Integer.toString(cluster.minInsyncReplicas())))))
				.all()
				.get(60, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stop() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
		KafkaBroker.deleteRecursively(directory);
	}

	@Test
	void theTopicHasThreeReplicasOfWhichTwoMustHaveEachRecord() throws Exception {
		try (Admin admin = admin()) {
			assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
			TopicDescription topic = admin.describeTopics(List.of(TOPIC))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(TOPIC);
			assertThat(topic.partitions()).hasSize(3)
				.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3));
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
			Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
			assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
		}
	}

	@Test
	void aBrokerKilledUnderAnAcksAllWorkloadLosesNothingAndConsumersContinue() throws Exception {
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		Set<String> failed = ConcurrentHashMap.newKeySet();
		Set<String> consumed = ConcurrentHashMap.newKeySet();
		AtomicBoolean producing = new AtomicBoolean(true);
		AtomicBoolean consuming = new AtomicBoolean(true);
		Thread producer = new Thread(() -> produce(producing, acknowledged, failed), "cluster-test-producer");
		Thread consumer = new Thread(() -> consume(consuming, consumed), "cluster-test-consumer");
		producer.start();
		consumer.start();
		try {
			await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= 2000 && consumed.size() >= 500);
			KafkaBroker victim = cluster.node(leaderOfPartitionZero());
			int ackedBeforeKill = acknowledged.size();
			int consumedBeforeKill = consumed.size();
			victim.kill();
			System.out.println("[cluster test] killed node " + victim.nodeId() + " (leader of " + TOPIC + "-0) after "
					+ ackedBeforeKill + " acknowledged, " + consumedBeforeKill + " consumed");

			await().atMost(Duration.ofMinutes(2))
				.until(() -> acknowledged.size() >= ackedBeforeKill + 3000
						&& consumed.size() >= consumedBeforeKill + 3000);
			producing.set(false);
			producer.join(Duration.ofMinutes(3).toMillis());
			assertThat(producer.isAlive()).as("the producer finished its sends").isFalse();
			assertThat(failed).as("sends that failed with one node of three down").isEmpty();

			await().atMost(Duration.ofMinutes(2)).until(() -> consumed.containsAll(acknowledged));
			assertThat(readEverything()).as("every acknowledged record is in the log").containsAll(acknowledged);
			await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
				try (Admin admin = admin()) {
					assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
						.as("brokers alive after the kill")
						.hasSize(2);
				}
			});

			victim.start();
			await().atMost(Duration.ofMinutes(2))
				.untilAsserted(() -> assertThat(partitions()).allSatisfy(
						(partition) -> assertThat(partition.isr()).as("in sync again: " + partition).hasSize(3)));
		}
		finally {
			producing.set(false);
			consuming.set(false);
			producer.join(Duration.ofMinutes(1).toMillis());
			consumer.join(Duration.ofMinutes(1).toMillis());
		}
	}

	private static void produce(AtomicBoolean producing, Set<String> acknowledged, Set<String> failed) {
		Map<String, Object> settings = new HashMap<>();
		settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
				new StringSerializer())) {
			for (long i = 0; producing.get(); i++) {
				String value = "record-" + i;
				producer.send(new ProducerRecord<>(TOPIC, "order-" + (i % 97), value), (metadata, exception) -> {
					if (exception == null) {
						acknowledged.add(value);
					}
					else {
						failed.add(value + ": " + exception);
					}
				});
				if (i % 200 == 199) {
					// Bounded in flight: a batch of sends, then wait for their answers.
					producer.flush();
				}
			}
			producer.flush();
		}
	}

	private static void consume(AtomicBoolean consuming, Set<String> consumed) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerSettings("cluster-test-group"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			while (consuming.get()) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					consumed.add(record.value());
				}
				consumer.commitAsync();
			}
		}
	}

	private static List<String> readEverything() {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerSettings(null),
				new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(TOPIC)
				.stream()
				.map((info) -> new TopicPartition(TOPIC, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			await().atMost(Duration.ofMinutes(1)).pollInSameThread().until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> values.add(record.value()));
				return partitions.stream().allMatch((partition) -> consumer.position(partition) >= ends.get(partition));
			});
		}
		return values;
	}

	private static Map<String, Object> consumerSettings(String group) {
		Map<String, Object> settings = new HashMap<>();
		settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		if (group != null) {
			settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		return settings;
	}

	private static int leaderOfPartitionZero() throws Exception {
		return partitions().get(0).leader().id();
	}

	private static List<TopicPartitionInfo> partitions() throws Exception {
		try (Admin admin = admin()) {
			return admin.describeTopics(List.of(TOPIC))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(TOPIC)
				.partitions();
		}
	}

	private static Admin admin() {
		return Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
	}

}

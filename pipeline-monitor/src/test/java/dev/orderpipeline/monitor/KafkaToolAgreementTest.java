package dev.orderpipeline.monitor;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.monitor.kafka.PartitionLag;
import dev.orderpipeline.monitor.pipeline.GroupView;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Our lag agrees with what Kafka's own {@code kafka-consumer-groups.sh --describe}
 * prints. The tool ({@code ConsumerGroupCommand} from kafka-tools 4.3.1, the nearest
 * version available here; the broker is 4.2.2) runs in its own JVM with its own clients,
 * from the jars the build copies to {@code target/kafka-tools}.
 */
class KafkaToolAgreementTest extends MonitorIntegrationTest {

	private static final Path TOOL_JARS = Path.of("target", "kafka-tools");

	@Test
	void lagPerPartitionIsTheLagColumnOfKafkasConsumerGroupsTool() throws Exception {
		commit("tool-check", Map.of(source(0), 6L, source(1), 2L));
		GroupView group = await().atMost(Duration.ofSeconds(30))
			.until(() -> group("tool-check"), (g) -> g.isPresent() && g.get().lagMessages() == 7)
			.orElseThrow();

		Map<Integer, List<String>> described = describeWithKafkasTool("tool-check");

		assertThat(described).as("partitions the tool lists").containsOnlyKeys(0, 1);
		described.forEach((partition, columns) -> {
			PartitionLag ours = group.partitions()
				.stream()
				.filter((p) -> p.topic().equals(SOURCE) && p.partition() == partition)
				.findFirst()
				.orElseThrow();
			assertThat(columns.get(0)).as("CURRENT-OFFSET of %d", partition)
				.isEqualTo(String.valueOf(ours.committedOffset()));
			assertThat(columns.get(1)).as("LOG-END-OFFSET of %d", partition)
				.isEqualTo(String.valueOf(ours.logEndOffset()));
			assertThat(columns.get(2)).as("LAG of %d", partition).isEqualTo(String.valueOf(ours.lagMessages()));
		});
	}

	@Test
	void aGroupWithAMemberAgreesToo() throws Exception {
		try (KafkaConsumer<String, String> member = consumer("tool-member-check")) {
			member.subscribe(List.of(SOURCE));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				member.poll(Duration.ofMillis(100));
				return member.assignment().size() == 3;
			});
			commit(member, Map.of(source(0), 1L, source(1), 3L));
			GroupView group = await().atMost(Duration.ofSeconds(30))
				.until(() -> group("tool-member-check"),
						(g) -> g.isPresent() && g.get().members() == 1 && g.get().lagMessages() == 11)
				.orElseThrow();

			Map<Integer, List<String>> described = describeWithKafkasTool("tool-member-check");

			// The member holds all three partitions, so the tool lists all three;
			// partition 2
			// has no committed offset, which the tool prints as "-".
			assertThat(described).containsOnlyKeys(0, 1, 2);
			assertThat(described.get(2)).containsExactly("-", "0", "-");
			assertThat(partition(group, 2).committedOffset()).isNull();
			for (int partition : List.of(0, 1)) {
				PartitionLag ours = partition(group, partition);
				assertThat(described.get(partition)).as("partition %d", partition)
					.containsExactly(String.valueOf(ours.committedOffset()), String.valueOf(ours.logEndOffset()),
							String.valueOf(ours.lagMessages()));
			}
		}
	}

	private static PartitionLag partition(GroupView group, int partition) {
		return group.partitions()
			.stream()
			.filter((p) -> p.topic().equals(SOURCE) && p.partition() == partition)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Runs {@code ConsumerGroupCommand --describe} and returns, per partition of the
	 * source topic, its CURRENT-OFFSET, LOG-END-OFFSET and LAG columns.
	 */
	private Map<Integer, List<String>> describeWithKafkasTool(String group) throws Exception {
		if (!Files.isDirectory(TOOL_JARS)) {
			fail("%s is missing: the build copies Kafka's tool there (mvn generate-test-resources)",
					TOOL_JARS.toAbsolutePath());
		}
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx128m", "-cp", TOOL_JARS.toAbsolutePath() + File.separator + "*",
				"org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server", bootstrapServers(),
				"--describe", "--group", group)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("kafka-consumer-groups did not finish within 60 s:%n%s", output);
		}
		assertThat(process.exitValue()).as("exit code of kafka-consumer-groups; output:%n%s", output).isZero();
		Map<Integer, List<String>> partitions = new TreeMap<>();
		// GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST
		// CLIENT-ID
		output.lines().map(String::trim).map((line) -> line.split("\\s+")).forEach((columns) -> {
			if (columns.length >= 6 && columns[0].equals(group) && columns[1].equals(SOURCE)) {
				partitions.put(Integer.parseInt(columns[2]), List.of(columns[3], columns[4], columns[5]));
			}
		});
		assertThat(partitions).as("rows in the tool's output:%n%s", output).isNotEmpty();
		return partitions;
	}

}

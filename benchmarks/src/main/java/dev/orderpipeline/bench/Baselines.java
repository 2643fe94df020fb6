package dev.orderpipeline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The raw limits of the same machine, measured in the same run: PostgreSQL with the order
 * service's transaction shape (pgbench), the broker with the relay's record size and
 * producer settings (Kafka's own ProducerPerformance), and a consumer that does nothing
 * with what it reads.
 */
final class Baselines {

	static final String PERF_TOPIC = "bench-producer-performance";

	private static final Pattern PGBENCH_TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

	private static final Pattern PGBENCH_LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

	private static final Pattern PERF_SUMMARY = Pattern.compile(
			"(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency, ([0-9.]+) ms max latency(?:, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th)?");

	private final Stack stack;

	private final Path repositoryRoot;

	Baselines(Stack stack, Path repositoryRoot) {
		this.stack = stack;
		this.repositoryRoot = repositoryRoot;
	}

	/**
	 * pgbench, 8 clients, with the server's own durability settings (the ones the
	 * services commit with; printed and reported), running what one placement commits:
	 * the catalog read, the order row, its lines, the conditional stock updates and an
	 * outbox row of the relay's size, in a copy of the order service's schema (its own
	 * migrations) in a database of its own.
	 */
	Map<String, Object> pgbench(int seconds, int clients, int payloadBytes, String headersJson) throws Exception {
		String database = "bench_pgbench";
		try (Connection connection = this.stack.database("postgres");
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + database);
			statement.execute("create database " + database);
		}
		try (Connection connection = this.stack.database(database);
				Statement statement = connection.createStatement()) {
			for (Path migration : migrations()) {
				statement.execute(Files.readString(migration));
			}
			statement.execute("""
					insert into product (sku, name, price_minor, currency, active)
					select 'BENCH-' || lpad(i::text, 4, '0'), 'Benchmark product ' || i, 100 + i * 7, 'EUR', true
					  from generate_series(1, 200) i""");
			statement.execute("insert into stock (sku, on_hand, reserved) select sku, 1000000000, 0 from product");
			statement.execute("vacuum analyze");
		}
		Path script = Files.createTempFile("order-transaction", ".sql");
		Files.writeString(script, transactionScript(payloadBytes, headersJson));
		List<String> command = List.of("pgbench", "-n", "-M", "prepared", "-c", Integer.toString(clients), "-j", "2",
				"-T", Integer.toString(seconds), "-P", "1", "-f", script.toString(), "-h", host(), "-p", port(), "-U",
				"postgres", database);
		String durability = durability();
		System.out.println("pgbench: " + String.join(" ", command));
		System.out.println("pgbench: PostgreSQL durability " + durability + " (the services commit with the same)");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", "postgres");
		// No per-session override: pgbench commits exactly as the services do.
		builder.environment().remove("PGOPTIONS");
		List<String> output = runAndEcho(builder, "pgbench");
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("tool", firstLine(List.of("pgbench", "--version")));
		result.put("command", String.join(" ", command));
		result.put("durability", durability);
		result.put("clients", clients);
		result.put("seconds", seconds);
		result.put("script", Files.readString(script));
		result.put("tps", find(output, PGBENCH_TPS, 1));
		result.put("latencyAverageMs", find(output, PGBENCH_LATENCY, 1));
		Files.deleteIfExists(script);
		try (Connection connection = this.stack.database("postgres");
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + database);
		}
		return result;
	}

	/**
	 * The server's commit durability, as the services and pgbench get it. The local run
	 * starts PostgreSQL durable; a figure measured without it would not be comparable.
	 */
	String durability() throws java.sql.SQLException {
		try (Connection connection = this.stack.database("postgres");
				var result = connection.createStatement()
					.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit'),"
							+ " current_setting('full_page_writes')")) {
			result.next();
			return "fsync=" + result.getString(1) + ", synchronous_commit=" + result.getString(2)
					+ ", full_page_writes=" + result.getString(3);
		}
	}

	private List<Path> migrations() throws IOException {
		try (Stream<Path> files = Files
			.list(this.repositoryRoot.resolve("order-service/src/main/resources/db/migration"))) {
			return files.filter((file) -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
				.sorted((a, b) -> Integer.compare(version(a), version(b)))
				.toList();
		}
	}

	private static int version(Path migration) {
		String name = migration.getFileName().toString();
		return Integer.parseInt(name.substring(1, name.indexOf("__")));
	}

	/**
	 * One placement of a two-line order, statement for statement: the service sends the
	 * lines and the stock updates as JDBC batches (one round trip each), here a multi-row
	 * insert and two updates in SKU order. The order id is time-ordered like the
	 * service's. The headers travel base64-encoded because pgbench would read the colons
	 * of their JSON as variables.
	 */
	static String transactionScript(int payloadBytes, String headersJson) {
		return """
				\\set a random(1, 200)
				\\set b random(1, 200)
				\\set first least(:a, :b)
				\\set second greatest(:a, :b)
				BEGIN;
				SELECT sku, name, price_minor, currency, active FROM product WHERE sku = ANY (ARRAY['BENCH-' || lpad(:first::text, 4, '0'), 'BENCH-' || lpad(:second::text, 4, '0')]);
				INSERT INTO orders (id, tenant_id, customer_id, customer_email, status, currency, subtotal_minor, tax_minor, total_minor, tax_rate_bp, created_at) VALUES ((lpad(to_hex((extract(epoch from clock_timestamp()) * 1000000)::bigint), 16, '0') || substr(md5(random()::text), 1, 16))::uuid, 'bench', 'pgbench-' || :client_id, 'pgbench-' || :client_id || '@example.com', 'PLACED', 'EUR', 1000, 200, 1200, 2000, now()) RETURNING id AS order_id \\gset
				INSERT INTO order_line (order_id, line_no, sku, product_name, quantity, unit_price_minor, line_total_minor) VALUES (:order_id, 1, 'BENCH-' || lpad(:first::text, 4, '0'), 'Benchmark product', 1, 500, 500), (:order_id, 2, 'BENCH-' || lpad(:second::text, 4, '0'), 'Benchmark product', 1, 500, 500);
				INSERT INTO outbox_event (event_id, order_id, event_type, sequence, payload, headers) VALUES (gen_random_uuid(), :order_id, 'order.placed.v1', 1, convert_to(repeat('x', %d), 'UTF8'), convert_from(decode('%s', 'base64'), 'UTF8')::jsonb);
				UPDATE stock SET reserved = reserved + 1 WHERE sku = 'BENCH-' || lpad(:first::text, 4, '0') AND on_hand - reserved >= 1;
				UPDATE stock SET reserved = reserved + 1 WHERE sku = 'BENCH-' || lpad(:second::text, 4, '0') AND on_hand - reserved >= 1;
				COMMIT;
				"""
			.formatted(payloadBytes,
					java.util.Base64.getEncoder().encodeToString(headersJson.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Kafka's ProducerPerformance in a JVM of its own, with the relay's producer settings
	 * (acks=all, idempotence, 5 in flight, linger 1 ms) and record size, to a topic with
	 * as many partitions as {@code order-events}.
	 */
	Map<String, Object> producerPerformance(long records, int recordSize, int partitions) throws Exception {
		try {
			this.stack.admin().deleteTopics(List.of(PERF_TOPIC)).all().get(10, TimeUnit.SECONDS);
		}
		catch (Exception absent) {
			// Not there yet.
		}
		createTopic(PERF_TOPIC, partitions);
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m",
				"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
				"org.apache.kafka.tools.ProducerPerformance", "--topic", PERF_TOPIC, "--num-records",
				Long.toString(records), "--record-size", Integer.toString(recordSize), "--throughput", "-1",
				"--producer-props", "bootstrap.servers=" + this.stack.kafkaBootstrap, "acks=all",
				"enable.idempotence=true", "max.in.flight.requests.per.connection=5", "linger.ms=1",
				"retries=2147483647", "delivery.timeout.ms=30000", "request.timeout.ms=15000"));
		System.out.println("ProducerPerformance: " + String.join(" ",
				command.subList(command.indexOf("org.apache.kafka.tools.ProducerPerformance"), command.size())));
		List<String> output = runAndEcho(new ProcessBuilder(command).redirectErrorStream(true), "producer-perf");
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("tool", "org.apache.kafka.tools.ProducerPerformance (kafka-tools 4.3.1)");
		result.put("command", String.join(" ",
				command.subList(command.indexOf("org.apache.kafka.tools.ProducerPerformance"), command.size())));
		result.put("records", records);
		result.put("recordSize", recordSize);
		result.put("partitions", partitions);
		String summary = null;
		for (String line : output) {
			if (PERF_SUMMARY.matcher(line).find()) {
				summary = line;
			}
		}
		if (summary != null) {
			Matcher matcher = PERF_SUMMARY.matcher(summary);
			matcher.find();
			result.put("recordsPerSecond", Double.parseDouble(matcher.group(2)));
			result.put("mbPerSecond", Double.parseDouble(matcher.group(3)));
			result.put("avgLatencyMs", Double.parseDouble(matcher.group(4)));
			result.put("maxLatencyMs", Double.parseDouble(matcher.group(5)));
			if (matcher.group(8) != null) {
				result.put("p99LatencyMs", Double.parseDouble(matcher.group(8)));
			}
			result.put("summary", summary);
		}
		try {
			this.stack.admin().deleteTopics(List.of(PERF_TOPIC)).all().get(10, TimeUnit.SECONDS);
		}
		catch (Exception ignored) {
			// Only tidying up.
		}
		return result;
	}

	void createTopic(String topic, int partitions) throws Exception {
		for (int attempt = 0;; attempt++) {
			try {
				this.stack.admin()
					.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
					.all()
					.get(10, TimeUnit.SECONDS);
				return;
			}
			catch (java.util.concurrent.ExecutionException ex) {
				// Deleting a topic completes asynchronously; its name is free a moment
				// later.
				if (attempt > 50) {
					throw ex;
				}
				Thread.sleep(200);
			}
		}
	}

	/**
	 * A consumer that only deserializes bytes: how fast this broker hands out
	 * {@code order-events} to one consumer on this machine.
	 */
	Map<String, Object> rawConsumer(long maxRecords) throws Exception {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.kafkaBootstrap);
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// read_committed, as the consumer services read; the relay's transactions leave
		// commit markers in the log, so the end is a position, not a count of records.
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		long consumed = 0;
		long bytes = 0;
		long start;
		long end;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
			List<TopicPartition> partitions = consumer.partitionsFor(Stack.TOPIC)
				.stream()
				.map((info) -> new TopicPartition(Stack.TOPIC, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			start = System.nanoTime();
			long deadline = start + TimeUnit.MINUTES.toNanos(2);
			while (consumed < maxRecords && System.nanoTime() < deadline && partitions.stream()
				.anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
				for (var record : records) {
					consumed++;
					bytes += record.serializedValueSize();
				}
			}
			end = System.nanoTime();
		}
		double seconds = (end - start) / 1e9;
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("tool", "KafkaConsumer (kafka-clients), byte[] deserializers, max.poll.records 500, no processing");
		result.put("records", consumed);
		result.put("seconds", seconds);
		result.put("recordsPerSecond", consumed / seconds);
		result.put("mbPerSecond", bytes / seconds / 1e6);
		System.out.printf(java.util.Locale.ROOT, "Raw consumer: %d records in %.2f s = %.0f records/s%n", consumed,
				seconds, consumed / seconds);
		return result;
	}

	private String host() {
		return this.stack.postgresHostPort.substring(0, this.stack.postgresHostPort.indexOf(':'));
	}

	private String port() {
		return this.stack.postgresHostPort.substring(this.stack.postgresHostPort.indexOf(':') + 1);
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static List<String> runAndEcho(ProcessBuilder builder, String prefix)
			throws IOException, InterruptedException {
		Process process = builder.start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
				System.out.println("  [" + prefix + "] " + line);
			}
		}
		int exit = process.waitFor();
		if (exit != 0) {
			throw new IOException(prefix + " exited with " + exit);
		}
		return lines;
	}

	static String firstLine(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String line = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
				.findFirst()
				.orElse("");
			process.waitFor();
			return line.trim();
		}
		catch (IOException ex) {
			return "(" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "(interrupted)";
		}
	}

	private static Object find(List<String> lines, Pattern pattern, int group) {
		for (String line : lines) {
			Matcher matcher = pattern.matcher(line);
			if (matcher.find()) {
				return Double.parseDouble(matcher.group(group));
			}
		}
		return null;
	}

}

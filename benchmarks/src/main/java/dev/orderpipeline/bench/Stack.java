package dev.orderpipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.orderpipeline.infra.services.ServiceModule;
import dev.orderpipeline.infra.services.ServiceModules;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The local stack as the benchmark sees it: the order service's API, the services'
 * health, their databases, the broker's offsets and consumer groups, and the local run's
 * control endpoint ({@code ./run-local.sh --control-port=N}) that stops and starts the
 * broker and single services.
 */
final class Stack implements AutoCloseable {

	static final String TOPIC = "order-events";

	/**
	 * The consumer services, found by convention in the checkout the benchmark runs in
	 * (local-infra's ServiceModules): name = consumer group = database owner.
	 */
	private static final List<ServiceModule> CONSUMER_MODULES = ServiceModules.around(Path.of("")).consumers();

	/** Consumer services by name, and their URL (the local run's default ports). */
	static final Map<String, String> CONSUMERS = consumers();

	/** Consumer services by name, and their database. */
	static final Map<String, String> CONSUMER_DATABASES = CONSUMER_MODULES.stream()
		.collect(Collectors.toMap(ServiceModule::name, ServiceModule::database, (a, b) -> a, LinkedHashMap::new));

	final String orderServiceUrl;

	final String controlUrl;

	final String postgresHostPort;

	final String kafkaBootstrap;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Admin admin;

	Stack(Options options) {
		this.orderServiceUrl = options.get("base-url", "http://127.0.0.1:8080");
		this.controlUrl = options.get("control-url", "http://127.0.0.1:18099");
		this.postgresHostPort = options.get("postgres", "127.0.0.1:15432");
		this.kafkaBootstrap = options.get("kafka", "127.0.0.1:19092");
	}

	private static Map<String, String> consumers() {
		Map<String, String> map = new LinkedHashMap<>();
		CONSUMER_MODULES.forEach((consumer) -> map.put(consumer.name(), "http://127.0.0.1:" + consumer.port()));
		return map;
	}

	Connection database(String name) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		properties.setProperty("password", "postgres");
		properties.setProperty("reWriteBatchedInserts", "true");
		return DriverManager.getConnection("jdbc:postgresql://" + this.postgresHostPort + "/" + name, properties);
	}

	synchronized Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafkaBootstrap,
					AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
					5000));
		}
		return this.admin;
	}

	/** Sum of the end offsets of a topic's partitions. */
	long endOffsets(String topic) throws Exception {
		return endOffsetsByPartition(topic).values().stream().mapToLong(Long::longValue).sum();
	}

	Map<TopicPartition, Long> endOffsetsByPartition(String topic) throws Exception {
		List<TopicPartition> partitions = admin().describeTopics(List.of(topic))
			.allTopicNames()
			.get(5, TimeUnit.SECONDS)
			.get(topic)
			.partitions()
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		Map<TopicPartition, OffsetSpec> latest = partitions.stream()
			.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin().listOffsets(latest)
			.all()
			.get(5, TimeUnit.SECONDS);
		Map<TopicPartition, Long> result = new LinkedHashMap<>();
		offsets.forEach((partition, info) -> result.put(partition, info.offset()));
		return result;
	}

	/** Records of {@code order-events} the group has not committed yet. */
	long lag(String group) throws Exception {
		Map<TopicPartition, Long> ends = endOffsetsByPartition(TOPIC);
		Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(5, TimeUnit.SECONDS);
		long lag = 0;
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			OffsetAndMetadata offset = committed.get(end.getKey());
			lag += end.getValue() - ((offset != null) ? offset.offset() : 0);
		}
		return lag;
	}

	/**
	 * Outbox rows still to be published. Parked rows (the broker refuses them for good)
	 * wait for an operator and are not counted: one would keep every wait from ending.
	 */
	long outboxRows() throws SQLException {
		try (Connection connection = database("orders");
				var rs = connection.createStatement()
					.executeQuery("select count(*) from outbox_event where parked_at is null")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/**
	 * Waits until the outbox is empty and no consumer has lag, so that a scenario or a
	 * baseline does not share the machine with the previous one's leftovers.
	 * @return whether it got quiet within the timeout
	 */
	boolean awaitQuiet(long timeoutSeconds) throws InterruptedException {
		long started = System.nanoTime();
		long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		String last = "";
		while (System.nanoTime() < deadline) {
			try {
				long outbox = outboxRows();
				Map<String, Long> lags = new LinkedHashMap<>();
				for (String consumer : CONSUMERS.keySet()) {
					lags.put(consumer, lag(consumer));
				}
				last = "outbox " + outbox + ", lags " + lags;
				if (outbox == 0 && lags.values().stream().allMatch((lag) -> lag == 0)) {
					System.out.printf("  (quiet after %.1f s)%n", (System.nanoTime() - started) / 1e9);
					return true;
				}
			}
			catch (Exception notReadable) {
				last = "not readable: " + notReadable;
			}
			Thread.sleep(250);
		}
		System.out.println("  (NOT quiet within " + timeoutSeconds + " s: " + last + ")");
		return false;
	}

	void control(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.controlUrl + path))
			.timeout(Duration.ofMinutes(3))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IOException("Control " + path + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	boolean hasControl() {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create(this.controlUrl + "/")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 405;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	void stopService(String name) throws IOException, InterruptedException {
		control("/services/" + name + "/stop");
	}

	/** Starts a service and waits until its health is UP. */
	void startService(String name, String url, Duration timeout) throws IOException, InterruptedException {
		control("/services/" + name + "/start");
		awaitUp(url, timeout);
	}

	boolean answersHealth(Duration timeout) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create(this.orderServiceUrl + "/actuator/health/liveness"))
					.timeout(timeout)
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	void awaitUp(String url, Duration timeout) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			try {
				HttpResponse<String> response = this.http
					.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body()
					.replace(" ", "")
					.matches("(?s)\\{\"status\":\"UP\".*|.*\"status\":\"UP\"}")) {
					return;
				}
			}
			catch (IOException notYet) {
				// Still starting.
			}
			Thread.sleep(250);
		}
		throw new IOException(url + " was not UP within " + timeout.toSeconds() + " s");
	}

	@Override
	public void close() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(2));
		}
	}

}

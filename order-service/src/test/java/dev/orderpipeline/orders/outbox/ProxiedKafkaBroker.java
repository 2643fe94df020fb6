package dev.orderpipeline.orders.outbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.infra.KafkaBrokerMain;
import dev.orderpipeline.infra.Ports;
import dev.orderpipeline.infra.faults.TcpProxy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import static org.awaitility.Awaitility.await;

/**
 * A Kafka broker of its own (KRaft, separate JVM, from the same jars as the shared test
 * broker) that clients reach only through a {@link TcpProxy}: its client listener is
 * advertised at the proxy's port, so the metadata a client gets sends it back through the
 * proxy. Inter-broker traffic (transaction markers) uses a listener of its own that the
 * proxy does not touch. For tests that need the network between a producer and the broker
 * to fail; the shared broker cannot do that, since clients learn its real address from
 * metadata.
 */
final class ProxiedKafkaBroker implements AutoCloseable {

	private final Process process;

	private final TcpProxy proxy;

	private final Path directory;

	private ProxiedKafkaBroker(Process process, TcpProxy proxy, Path directory) {
		this.process = process;
		this.proxy = proxy;
		this.directory = directory;
	}

	static ProxiedKafkaBroker start() {
		try {
			Path directory = Files.createTempDirectory("proxied-kafka-");
			int clientPort = Ports.findFree();
			int internalPort = Ports.findFree();
			int controllerPort = Ports.findFree();
			TcpProxy proxy = TcpProxy.to(clientPort);
			Path config = directory.resolve("server.properties");
			Files.writeString(config, String.join("\n", "process.roles=broker,controller", "node.id=1",
					"controller.quorum.voters=1@127.0.0.1:" + controllerPort,
					"listeners=CLIENT://127.0.0.1:" + clientPort + ",INTERNAL://127.0.0.1:" + internalPort
							+ ",CONTROLLER://127.0.0.1:" + controllerPort,
					"advertised.listeners=CLIENT://127.0.0.1:" + proxy.port() + ",INTERNAL://127.0.0.1:" + internalPort,
					"controller.listener.names=CONTROLLER", "inter.broker.listener.name=INTERNAL",
					"listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,CLIENT:PLAINTEXT",
					"log.dirs=" + directory.resolve("data"), "auto.create.topics.enable=false",
					"offsets.topic.replication.factor=1", "offsets.topic.num.partitions=1",
					"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
					"transaction.state.log.num.partitions=1", "group.initial.rebalance.delay.ms=0", ""));
			run(launch(directory, "kafka.tools.StorageTool", "format", "--cluster-id", Uuid.randomUuid().toString(),
					"--config", config.toString()), Duration.ofSeconds(60));
			Process broker = launch(directory, KafkaBrokerMain.class.getName(), config.toString());
			ProxiedKafkaBroker started = new ProxiedKafkaBroker(broker, proxy, directory);
			started.awaitReady();
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Bootstrap servers for clients: the proxy. */
	String bootstrapServers() {
		return "127.0.0.1:" + this.proxy.port();
	}

	TcpProxy proxy() {
		return this.proxy;
	}

	@Override
	public void close() {
		this.proxy.close();
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private void awaitReady() {
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000);
		await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The broker exited; see " + this.directory.resolve("kafka.log"));
			}
			try (Admin admin = Admin.create(config)) {
				return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
			}
		});
	}

	private static void run(Process process, Duration timeout) {
		try {
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("Formatting the broker's storage failed");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Process launch(Path directory, String... mainAndArgs) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-XX:+UseSerialGC", "-cp", brokerClasspath()));
		command.addAll(List.of(mainAndArgs));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("kafka.log").toFile()))
			.start();
	}

	/** The shared test broker's classpath, as local-infra's build recorded it. */
	private static String brokerClasspath() throws IOException {
		try (InputStream in = KafkaBrokerMain.class.getResourceAsStream("kafka-broker.classpath")) {
			if (in == null) {
				throw new IllegalStateException("local-infra's kafka-broker.classpath is missing; ./mvnw install");
			}
			String ownClasses;
			try {
				ownClasses = Path.of(KafkaBrokerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
					.toString();
			}
			catch (java.net.URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
			return ownClasses + File.pathSeparator + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
		}
	}

}

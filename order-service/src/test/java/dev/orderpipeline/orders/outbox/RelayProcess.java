package dev.orderpipeline.orders.outbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.events.EventTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * A relay in a JVM of its own, built from the same parts as the application's, for tests
 * that freeze a whole process (SIGSTOP) or kill it. {@link #main} takes
 * {@code name=value} arguments: {@code jdbc-url}, {@code user}, {@code password},
 * {@code bootstrap-servers} and any {@code orders.outbox.relay.*} property. The relay's
 * log goes to standard output, which the test's {@link Handle} writes to a file.
 */
final class RelayProcess {

	private RelayProcess() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> arguments = new LinkedHashMap<>();
		for (String argument : args) {
			int equals = argument.indexOf('=');
			arguments.put(argument.substring(0, equals), argument.substring(equals + 1));
		}
		JdbcConnectionDetails database = new JdbcConnectionDetails() {
			@Override
			public String getUsername() {
				return arguments.get("user");
			}

			@Override
			public String getPassword() {
				return arguments.get("password");
			}

			@Override
			public String getJdbcUrl() {
				return arguments.get("jdbc-url");
			}
		};
		KafkaProperties kafka = new KafkaProperties();
		kafka.setBootstrapServers(List.of(arguments.get("bootstrap-servers")));
		OutboxProperties.Relay settings = new Binder(new MapConfigurationPropertySource(arguments))
			.bindOrCreate("orders.outbox.relay", OutboxProperties.Relay.class);
		RelayFactory relays = new RelayFactory(database, kafka,
				new OutboxMetrics(new SimpleMeterRegistry(), Clock.systemUTC()), new OutboxStore(new JsonMapper()),
				new NewTopic(EventTopics.ORDER_EVENTS, 6, (short) 1), new OutboxTracing(Tracer.NOOP, Propagator.NOOP),
				Clock.systemUTC());
		OutboxRelay relay = relays.create(arguments.getOrDefault("name", "relay-process"), settings, true);
		relay.start();
		System.out.println("relay process started");
		// Until the test ends it; the parent's end closes standard input.
		while (System.in.read() != -1) {
			// nothing to read
		}
		relay.stop();
	}

	/** The test's side: starts, freezes, thaws and ends the process. */
	static final class Handle implements AutoCloseable {

		/** The relay's own lines at INFO, the clients' warnings. */
		private static final String LOGGING = """
				<configuration>
				  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} %msg%n</pattern></encoder>
				  </appender>
				  <logger name="org.apache.kafka" level="WARN"/>
				  <root level="INFO"><appender-ref ref="out"/></root>
				</configuration>
				""";

		private final Process process;

		private final Path output;

		private Handle(Process process, Path output) {
			this.process = process;
			this.output = output;
		}

		static Handle start(Map<String, String> arguments) {
			try {
				Path output = Files.createTempFile("relay-process-", ".log");
				Path logging = Files.createTempFile("relay-process-", ".xml");
				Files.writeString(logging, LOGGING);
				List<String> command = new ArrayList<>(
						List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
								"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + logging,
								"-cp", System.getProperty("java.class.path"), RelayProcess.class.getName()));
				arguments.forEach((name, value) -> command.add(name + "=" + value));
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				return new Handle(process, output);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		long pid() {
			return this.process.pid();
		}

		void freeze() {
			signal("STOP");
		}

		/** {@code kill -9}: no shutdown hook, no drain, the session simply breaks. */
		void kill() {
			signal("KILL");
			try {
				this.process.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		boolean isAlive() {
			return this.process.isAlive();
		}

		void thaw() {
			signal("CONT");
		}

		String output() {
			try {
				return Files.readString(this.output);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		File outputFile() {
			return this.output.toFile();
		}

		private void signal(String name) {
			try {
				Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).start();
				if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
					throw new IllegalStateException("kill -" + name + " failed");
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			if (this.process.isAlive()) {
				thaw();
			}
			this.process.destroyForcibly();
			try {
				this.process.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}

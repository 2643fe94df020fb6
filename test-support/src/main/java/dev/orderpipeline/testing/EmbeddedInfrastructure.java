package dev.orderpipeline.testing;

import dev.orderpipeline.infra.InfrastructureException;
import dev.orderpipeline.infra.LocalInfrastructure;

/**
 * The embedded PostgreSQL server and Kafka broker, started at most once per test JVM and
 * stopped when the JVM exits, however many test classes and application contexts use
 * them.
 */
public final class EmbeddedInfrastructure {

	private static LocalInfrastructure instance;

	private static final int ATTEMPTS = 3;

	private EmbeddedInfrastructure() {
	}

	/**
	 * A port found free can be taken by another process before the server binds it (other
	 * test JVMs pick ports at the same moment), so a failed start is tried again on new
	 * ports before giving up.
	 */
	private static LocalInfrastructure startOnFreePorts() {
		RuntimeException last = null;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			try {
				return LocalInfrastructure.start(LocalInfrastructure.Settings.ephemeral(),
						message -> System.out.println("[test infrastructure] " + message));
			}
			catch (RuntimeException ex) {
				last = ex;
				System.out.println("[test infrastructure] attempt " + attempt + " failed: " + ex.getMessage());
			}
		}
		throw new InfrastructureException("""
				Integration tests need a real PostgreSQL and Kafka. No Docker engine is reachable, \
				and the embedded servers failed to start (%d attempts): %s""".formatted(ATTEMPTS, last.getMessage()),
				last);
	}

	public static synchronized LocalInfrastructure get() {
		if (instance == null) {
			instance = startOnFreePorts();
			LocalInfrastructure started = instance;
			OrderEventsTopic.declare(started.kafka().bootstrapServers());
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-infrastructure"));
		}
		return instance;
	}

}

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

	private EmbeddedInfrastructure() {
	}

	public static synchronized LocalInfrastructure get() {
		if (instance == null) {
			try {
				instance = LocalInfrastructure.start(LocalInfrastructure.Settings.ephemeral(),
						message -> System.out.println("[test infrastructure] " + message));
			}
			catch (RuntimeException ex) {
				throw new InfrastructureException("""
						Integration tests need a real PostgreSQL and Kafka. No Docker engine is reachable, \
						and the embedded servers failed to start: %s""".formatted(ex.getMessage()), ex);
			}
			LocalInfrastructure started = instance;
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-infrastructure"));
		}
		return instance;
	}

}

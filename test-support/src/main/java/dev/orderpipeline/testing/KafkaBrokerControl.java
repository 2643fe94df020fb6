package dev.orderpipeline.testing;

/**
 * Takes the test broker away and brings it back, for tests of what happens while Kafka is
 * down. Works on both kinds of infrastructure: the embedded broker is stopped and started
 * again on the same port and log directory; the container is paused and unpaused.
 */
public final class KafkaBrokerControl {

	private KafkaBrokerControl() {
	}

	public static void stop() {
		if (InfrastructureMode.current() == InfrastructureMode.DOCKER) {
			DockerInfrastructureConfiguration.pauseKafka();
		}
		else {
			EmbeddedInfrastructure.get().kafka().stop();
		}
	}

	public static void start() {
		if (InfrastructureMode.current() == InfrastructureMode.DOCKER) {
			DockerInfrastructureConfiguration.unpauseKafka();
		}
		else {
			EmbeddedInfrastructure.get().kafka().start();
		}
	}

}

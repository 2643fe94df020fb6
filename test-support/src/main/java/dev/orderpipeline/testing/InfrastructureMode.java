package dev.orderpipeline.testing;

import org.testcontainers.DockerClientFactory;

/**
 * Which real infrastructure the tests use. Docker containers when an engine is reachable,
 * the embedded servers otherwise; {@code -Dpipeline.test-infrastructure=embedded|docker}
 * forces one.
 */
public enum InfrastructureMode {

	DOCKER, EMBEDDED;

	public static final String PROPERTY = "pipeline.test-infrastructure";

	private static volatile InfrastructureMode detected;

	public static InfrastructureMode current() {
		InfrastructureMode mode = detected;
		if (mode == null) {
			synchronized (InfrastructureMode.class) {
				if (detected == null) {
					detected = detect();
				}
				mode = detected;
			}
		}
		return mode;
	}

	private static InfrastructureMode detect() {
		String forced = System.getProperty(PROPERTY, System.getenv("PIPELINE_TEST_INFRASTRUCTURE"));
		if (forced != null && !forced.isBlank()) {
			return InfrastructureMode.valueOf(forced.trim().toUpperCase(java.util.Locale.ROOT));
		}
		return dockerReachable() ? DOCKER : EMBEDDED;
	}

	private static boolean dockerReachable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}

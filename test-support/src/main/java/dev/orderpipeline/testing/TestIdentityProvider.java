package dev.orderpipeline.testing;

import java.util.List;

import dev.orderpipeline.infra.auth.LocalIdentityProvider;
import dev.orderpipeline.infra.auth.MachineClient;

/**
 * The local identity provider of the test JVM: started once, on a free loopback port,
 * in-process (so with Docker infrastructure too), stopped when the JVM exits. Services
 * under test trust it through {@link WithRealInfrastructure} or
 * {@link WithTestIdentityProvider}; {@link TestTokens} mints its tokens.
 */
public final class TestIdentityProvider {

	/** A machine client with the {@code monitoring} role, as Prometheus uses. */
	public static final MachineClient MONITORING_CLIENT = new MachineClient("test-monitoring", "test-monitoring-secret",
			List.of("monitoring"));

	private static LocalIdentityProvider instance;

	private TestIdentityProvider() {
	}

	public static synchronized LocalIdentityProvider get() {
		if (instance == null) {
			LocalIdentityProvider started = LocalIdentityProvider.start(0);
			started.registerClient(MONITORING_CLIENT);
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-test-identity-provider"));
			instance = started;
		}
		return instance;
	}

}

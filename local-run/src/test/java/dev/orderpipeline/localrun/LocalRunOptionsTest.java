package dev.orderpipeline.localrun;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalRunOptionsTest {

	@Test
	void theStartUpLimitDefaultsToFourMinutesAndCanBeRaised() {
		assertThat(LocalRunOptions.parse(new String[0]).startupTimeout()).isEqualTo(Duration.ofMinutes(4));
		assertThat(LocalRunOptions.parse(new String[] { "--startup-timeout=600" }).startupTimeout())
			.isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void aStartUpLimitThatIsNotPositiveIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalRunOptions.parse(new String[] { "--startup-timeout=0" }))
			.withMessageContaining("--startup-timeout");
	}

	@Test
	void checkOnlyIsAnOption() {
		assertThat(LocalRunOptions.parse(new String[] { "--check" }).checkOnly()).isTrue();
		assertThat(LocalRunOptions.parse(new String[0]).checkOnly()).isFalse();
	}

	@Test
	void furtherInstancesOfEveryServiceButTheMonitorListenBesideTheFirst() {
		LocalRunOptions options = LocalRunOptions.parse(new String[] { "--instances=2", "--order-service-port=9080" });

		assertThat(options.instances()).isEqualTo(2);
		assertThat(options.allPorts()).containsEntry("order-service", 9080)
			.containsEntry("order-service-2", 9180)
			.containsEntry("notification-service-2", options.ports().get("notification-service") + 100)
			.doesNotContainKey("pipeline-monitor-2");
		assertThat(LocalRunOptions.parse(new String[0]).allPorts())
			.isEqualTo(LocalRunOptions.parse(new String[0]).ports());
	}

	@Test
	void moreThanThreeInstancesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalRunOptions.parse(new String[] { "--instances=4" }))
			.withMessageContaining("--instances");
	}

	@Test
	void aServiceArgumentGoesToThatServiceOnly() {
		LocalRunOptions options = LocalRunOptions
			.parse(new String[] { "--service-arg=notification-service:--notifications.lease=90s" });

		assertThat(options.serviceArguments()).containsOnlyKeys("notification-service")
			.containsEntry("notification-service", java.util.List.of("--notifications.lease=90s"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalRunOptions.parse(new String[] { "--service-arg=no-such-service:--x=1" }))
			.withMessageContaining("--service-arg");
	}

}

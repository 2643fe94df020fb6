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

}

package dev.orderpipeline.consumer;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryDelaysTests {

	private final RetryDelays delays = new RetryDelays(
			new ConsumerProperties.Retry(4, Duration.ofSeconds(1), 3.0, Duration.ofSeconds(5), 0.2));

	@Test
	void growsExponentiallyUpToTheMaximum() {
		assertThat(this.delays.nominal(0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.delays.nominal(1)).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.delays.nominal(2)).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.delays.nominal(3)).isEqualTo(Duration.ofSeconds(5));
	}

	@RepeatedTest(20)
	void jitterStaysWithinItsFractionAndNeverExceedsTheMaximum() {
		assertThat(this.delays.jittered(0).toMillis()).isBetween(800L, 1200L);
		assertThat(this.delays.jittered(1).toMillis()).isBetween(2400L, 3600L);
		assertThat(this.delays.jittered(3).toMillis()).isBetween(4000L, 5000L);
	}

}

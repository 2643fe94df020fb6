package dev.orderpipeline.faults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StackProcessTest {

	@Test
	void readsTheControlEndpointsProcessLines() {
		StackProcess second = StackProcess.parse("search-projection-service-2 4242 8183");
		assertThat(second.service()).isEqualTo("search-projection-service");
		assertThat(second.instance()).isEqualTo(2);
		assertThat(second.isService()).isTrue();
		assertThat(second.running()).isTrue();
		assertThat(second.baseUrl()).isEqualTo("http://127.0.0.1:8183");

		StackProcess first = StackProcess.parse("order-service 17 8080");
		assertThat(first.service()).isEqualTo("order-service");
		assertThat(first.instance()).isEqualTo(1);

		StackProcess broker = StackProcess.parse("kafka-3 - 19096");
		assertThat(broker.isBroker()).isTrue();
		assertThat(broker.isService()).isFalse();
		assertThat(broker.label()).isEqualTo("kafka-3");
		assertThat(broker.running()).isFalse();

		assertThat(StackProcess.parse("postgres running 15432").running()).isTrue();
		assertThat(StackProcess.parse("pipeline-monitor 99 8090").isService()).isFalse();
	}

	@Test
	void aLineThatIsNotAProcessIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> StackProcess.parse("garbage"));
	}

}

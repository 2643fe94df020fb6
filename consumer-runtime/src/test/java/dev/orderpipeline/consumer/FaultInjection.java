package dev.orderpipeline.consumer;

import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts {@link Faults} in front of the example handler, which stays exactly as the README
 * shows it, and records the spans the application ends ({@link RecordedSpans}).
 */
@TestConfiguration(proxyBeanMethods = false)
class FaultInjection {

	@Bean
	Faults faults() {
		return new Faults();
	}

	@Bean
	RecordedSpans recordedSpans() {
		return new RecordedSpans();
	}

	@Bean
	@Primary
	EventHandler faultInjectingHandler(@Qualifier("exampleOrderCounter") EventHandler example, Faults faults) {
		return new EventHandler() {

			@Override
			public void handle(List<ReceivedEvent> events) {
				faults.check(events);
				example.handle(events);
			}

		};
	}

}

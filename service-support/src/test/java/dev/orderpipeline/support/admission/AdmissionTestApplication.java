package dev.orderpipeline.support.admission;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.orderpipeline.support.kafka.KafkaHealthAutoConfiguration;
import dev.orderpipeline.support.security.EndpointAuthorization;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service with one slow endpoint: each request holds its slot until the test hands out
 * a permit, so the test decides when admitted requests finish.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = KafkaHealthAutoConfiguration.class,
		excludeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@Import(AdmissionTestApplication.SlowEndpoint.class)
class AdmissionTestApplication {

	static final Semaphore finishes = new Semaphore(0);

	@Bean
	EndpointAuthorization openSlowEndpoint() {
		return (requests) -> requests.requestMatchers("/slow").permitAll();
	}

	@RestController
	static class SlowEndpoint {

		@GetMapping("/slow")
		Map<String, String> slow() throws InterruptedException {
			if (!finishes.tryAcquire(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never let this request finish");
			}
			return Map.of("served", "yes");
		}

	}

}

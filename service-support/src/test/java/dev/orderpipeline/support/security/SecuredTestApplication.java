package dev.orderpipeline.support.security;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.orderpipeline.support.kafka.KafkaHealthAutoConfiguration;

/**
 * A tiny service using the shared security: one customer endpoint, one admin endpoint, a
 * page.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = KafkaHealthAutoConfiguration.class,
		excludeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@Import(SecuredTestApplication.Endpoints.class)
class SecuredTestApplication {

	@Bean
	EndpointAuthorization adminEndpoints() {
		return requests -> requests.requestMatchers(HttpMethod.POST, "/admin/**").hasRole(Roles.ADMIN);
	}

	@RestController
	static class Endpoints {

		@GetMapping("/whoami")
		Map<String, Object> whoAmI(Caller caller) {
			return Map.of("subject", caller.subject(), "tenantId", String.valueOf(caller.tenantId()), "email",
					String.valueOf(caller.email()), "roles", caller.roles(), "fromContext", Caller.current().subject());
		}

		@PostMapping("/admin/products")
		Map<String, String> createProduct() {
			return Map.of("created", "yes");
		}

		@GetMapping("/reports/daily")
		Map<String, String> dailyReport() {
			return Map.of("report", "daily");
		}

		@GetMapping("/contract")
		Map<String, String> contract() {
			return Map.of("contract", "v1");
		}

		@GetMapping("/page")
		ResponseEntity<String> page() {
			return ResponseEntity.ok()
				.header("Content-Security-Policy", "default-src 'self'")
				.contentType(MediaType.TEXT_HTML)
				.body("<!doctype html><title>status</title>");
		}

	}

}

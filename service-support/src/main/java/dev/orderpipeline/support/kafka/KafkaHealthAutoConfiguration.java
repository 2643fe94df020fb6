package dev.orderpipeline.support.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Registers the {@code kafka} health component for every service. */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({ Admin.class, KafkaAdmin.class })
public class KafkaHealthAutoConfiguration {

	/**
	 * The indicator owns its admin client rather than publishing it as an {@code Admin}
	 * bean, so no other component injecting an {@code Admin} receives one with
	 * health-check timeouts.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-check");
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
		return new KafkaHealthIndicator(Admin.create(config), Duration.ofSeconds(3));
	}

}

package dev.orderpipeline.orders.outbox.parked;

import dev.orderpipeline.support.security.EndpointAuthorization;
import dev.orderpipeline.support.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox's operations endpoints are for OPS only: they show event metadata of every
 * tenant and put events on the wire.
 */
@Configuration(proxyBeanMethods = false)
class ParkedRowsAccessRules {

	@Bean
	EndpointAuthorization outboxOperationsAccessRules() {
		return (requests) -> requests.requestMatchers("/ops/outbox", "/ops/outbox/**").hasRole(Roles.OPS);
	}

}

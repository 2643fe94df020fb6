package dev.orderpipeline.search.rebuild;

import dev.orderpipeline.support.security.EndpointAuthorization;
import dev.orderpipeline.support.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rebuilding the projection is an operation on the whole service (every tenant's
 * documents, a full read of the topic): ops users only.
 */
@Configuration(proxyBeanMethods = false)
class RebuildAuthorization {

	@Bean
	EndpointAuthorization rebuildRules() {
		return (requests) -> requests.requestMatchers("/projection/**").hasRole(Roles.OPS);
	}

}

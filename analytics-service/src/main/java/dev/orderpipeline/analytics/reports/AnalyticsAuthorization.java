package dev.orderpipeline.analytics.reports;

import dev.orderpipeline.support.security.EndpointAuthorization;
import dev.orderpipeline.support.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tenant-wide order and revenue figures are for the tenant's staff (admins and ops
 * users), not for its customers: one customer must not learn the shop's revenue or what
 * others buy. Scrapers ({@code monitoring}) read metrics, not these figures.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsAuthorization {

	@Bean
	EndpointAuthorization analyticsRules() {
		return (requests) -> requests.requestMatchers("/analytics/**").hasAnyRole(Roles.ADMIN, Roles.OPS);
	}

}

package dev.orderpipeline.search.query;

import dev.orderpipeline.support.security.EndpointAuthorization;
import dev.orderpipeline.support.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may search: customers (their own orders), admins and ops users (their tenant's
 * orders); {@link SearchScope} narrows the results to that. Scrapers ({@code monitoring})
 * may not.
 */
@Configuration(proxyBeanMethods = false)
class SearchAuthorization {

	@Bean
	EndpointAuthorization searchRules() {
		return (requests) -> requests.requestMatchers("/search/**").hasAnyRole(Roles.CUSTOMER, Roles.ADMIN, Roles.OPS);
	}

}

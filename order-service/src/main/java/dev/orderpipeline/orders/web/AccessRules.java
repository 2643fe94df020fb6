package dev.orderpipeline.orders.web;

import dev.orderpipeline.support.security.EndpointAuthorization;
import dev.orderpipeline.support.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what; service-support's chain adds these before its common rules
 * (actuator, anything else authenticated).
 *
 * <ul>
 * <li>Orders are a customer's own: every {@code /orders} endpoint needs role CUSTOMER,
 * and the queries behind them only ever see the caller's orders. Admins and ops do not
 * read orders through this API (least privilege: their work is the catalog, and the
 * dead-letter, projection and status tools of the other services); a support view would
 * be a separate, audited endpoint.</li>
 * <li>Products are read by any authenticated caller; creating and changing products and
 * stock needs CATALOG-ADMIN, a platform role: the catalog is shared by every tenant, so a
 * tenant's ADMIN may not reprice, deactivate or zero it for the others.</li>
 * <li>The API descriptions (OpenAPI, Swagger UI, AsyncAPI and its JSON Schemas) are open:
 * they are published contracts without data, and a client needs them before it has a
 * token.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class AccessRules {

	@Bean
	EndpointAuthorization orderServiceAccessRules() {
		return (requests) -> requests
			.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/asyncapi/**",
					"/schemas/**")
			.permitAll()
			.requestMatchers("/orders", "/orders/**")
			.hasRole(Roles.CUSTOMER)
			.requestMatchers(HttpMethod.GET, "/products", "/products/**")
			.authenticated()
			.requestMatchers("/products", "/products/**")
			.hasRole(Roles.CATALOG_ADMIN);
	}

}

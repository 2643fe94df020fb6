package dev.orderpipeline.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own access rules. Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order @Order}, before the common rules
 * ({@code /actuator/health/**} and {@code /actuator/info} open,
 * {@code /actuator/prometheus} for OPS or MONITORING, the rest of {@code /actuator/**}
 * for OPS, anything else authenticated), so a service's rule for a path wins.
 *
 * <pre class="code">
 * &#64;Bean
 * EndpointAuthorization catalogRules() {
 * 	return requests -&gt; requests.requestMatchers(HttpMethod.GET, "/products/**").authenticated()
 * 		.requestMatchers("/products/**").hasRole(Roles.ADMIN);
 * }
 * </pre>
 */
@FunctionalInterface
public interface EndpointAuthorization {

	void customize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);

}

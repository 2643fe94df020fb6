package dev.orderpipeline.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Access rules contributed by code, for a library that brings its own endpoints (the
 * consumer runtime's dead-letter endpoints). A service lists its own rules as data under
 * {@code pipeline.security.access} ({@link AccessRule}), which apply first. Every bean of
 * this type is applied after those, in {@link org.springframework.core.annotation.Order
 * order}, and before the common rules ({@code /actuator/health/**} and
 * {@code /actuator/info} open, {@code /actuator/prometheus} for OPS or MONITORING, the
 * rest of {@code /actuator/**} for OPS, anything else authenticated), so a rule for a
 * path wins over the common ones.
 *
 * <pre class="code">
 * &#64;Bean
 * EndpointAuthorization deadLetterAuthorization() {
 * 	return requests -&gt; requests.requestMatchers("/dead-letters/**").hasRole(Roles.OPS);
 * }
 * </pre>
 */
@FunctionalInterface
public interface EndpointAuthorization {

	void customize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);

}

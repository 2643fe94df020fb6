package dev.orderpipeline.support.security;

import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.util.StringUtils;

/**
 * One of a service's access rules, given as data ({@code pipeline.security.access[n]}):
 * who may call which paths. The rules apply in the order listed, before the common ones,
 * so the first rule matching a request decides.
 *
 * <pre class="code">
 * pipeline.security.access:
 *   - paths: /products/**
 *     method: GET
 *   - paths: /products/**
 *     roles: CATALOG-ADMIN
 * </pre>
 *
 * @param paths the path patterns
 * @param method the one HTTP method the rule is limited to; all when not set
 * @param roles the roles ({@link Roles}) of which the caller needs one; with none, any
 * authenticated caller
 * @param open anyone may call, without a token (published contracts, a page's shell)
 */
public record AccessRule(List<String> paths, String method, @DefaultValue List<String> roles, boolean open) {

	public AccessRule {
		if (paths == null || paths.isEmpty()) {
			throw new IllegalArgumentException("pipeline.security.access: a rule needs paths");
		}
		if (open && !roles.isEmpty()) {
			throw new IllegalArgumentException("pipeline.security.access: " + paths + " is open and needs roles "
					+ roles + "; it can only be one of them");
		}
	}

	void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		String[] patterns = this.paths.toArray(String[]::new);
		AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl matched = StringUtils.hasText(this.method)
				? requests.requestMatchers(HttpMethod.valueOf(this.method.toUpperCase()), patterns)
				: requests.requestMatchers(patterns);
		if (this.open) {
			matched.permitAll();
		}
		else if (this.roles.isEmpty()) {
			matched.authenticated();
		}
		else {
			matched.hasAnyRole(this.roles.toArray(String[]::new));
		}
	}

}

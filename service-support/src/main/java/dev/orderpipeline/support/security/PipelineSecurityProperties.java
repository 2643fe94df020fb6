package dev.orderpipeline.support.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pipeline.security.*}: claim names, the service's access rules, CORS and the
 * security headers.
 *
 * @param rolesClaim the claim holding the role names
 * @param tenantClaim the claim holding the tenant id
 * @param verifiedTokenCacheSize how many verified tokens each instance remembers so that
 * a client's next requests skip the signature check ({@link VerifiedTokenCache}); 0 turns
 * it off
 * @param verifiedTokenTtl how long a verified token is served from that cache at most
 * (never past its {@code exp}); as long as Spring Security's JWK set cache by default
 * @param access the service's own access rules, in order ({@link AccessRule})
 */
@ConfigurationProperties("pipeline.security")
record PipelineSecurityProperties(@DefaultValue(Caller.DEFAULT_ROLES_CLAIM) String rolesClaim,
		@DefaultValue(Caller.DEFAULT_TENANT_CLAIM) String tenantClaim,
		@DefaultValue("10000") long verifiedTokenCacheSize, @DefaultValue("5m") Duration verifiedTokenTtl,
		@DefaultValue List<AccessRule> access, @DefaultValue Cors cors, @DefaultValue Headers headers) {

	/**
	 * Cross-origin access, closed unless {@code allowedOrigins} lists origins (exact
	 * origins such as {@code https://shop.example.com}, or patterns such as
	 * {@code https://*.example.com}).
	 */
	record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue( {
			"GET", "POST", "PUT", "PATCH", "DELETE" }) List<String> allowedMethods,
			@DefaultValue({ "Authorization", "Content-Type", "Idempotency-Key",
					"traceparent" }) List<String> allowedHeaders,
			@DefaultValue({ "Location", "Retry-After" }) List<String> exposedHeaders,
			@DefaultValue("30m") Duration maxAge){

		boolean enabled() {
			return !allowedOrigins.isEmpty();
		}

	}

	/**
	 * Security headers besides Spring Security's defaults.
	 *
	 * @param contentSecurityPolicy for API responses: nothing may be loaded or framed
	 * @param referrerPolicy for every response
	 * @param pagePaths path patterns of HTML pages (Swagger UI, a status page) that get
	 * {@code pageContentSecurityPolicy} instead; a controller may also set its own
	 * {@code Content-Security-Policy} header, which is then kept
	 * @param pageContentSecurityPolicy for those pages: own scripts, styles and images
	 */
	record Headers(@DefaultValue(API_POLICY) String contentSecurityPolicy,
			@DefaultValue("no-referrer") String referrerPolicy, @DefaultValue( {
					"/swagger-ui.html", "/swagger-ui/**" }) List<String> pagePaths,
			@DefaultValue(PAGE_POLICY) String pageContentSecurityPolicy){

		static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

		static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
				+ "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	}

}

package dev.orderpipeline.support.security;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes every servlet service an OAuth2 resource server that accepts only JWT access
 * tokens of the configured issuer, for the configured audience, unexpired (Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} decoder, which validates the issuer
 * and the audiences when those properties are set; this configuration refuses to start
 * without them). Stateless, no sessions, no CSRF (bearer tokens only, never cookies);
 * refusals are problem documents.
 *
 * <p>
 * The filter chain backs off when the service defines its own
 * {@link SecurityFilterChain}; the {@link Caller} parameter and the problem handlers stay
 * available to it.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
		OAuth2ResourceServerWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
@EnableConfigurationProperties(PipelineSecurityProperties.class)
public class PipelineSecurityAutoConfiguration {

	private static final String JWT_PROPERTIES = "spring.security.oauth2.resourceserver.jwt.";

	@Bean
	@ConditionalOnMissingBean
	ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint() {
		return new ProblemAuthenticationEntryPoint();
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemAccessDeniedHandler problemAccessDeniedHandler() {
		return new ProblemAccessDeniedHandler();
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain pipelineSecurityFilterChain(HttpSecurity http, PipelineSecurityProperties properties,
			ObjectProvider<EndpointAuthorization> endpointAuthorizations, ObjectProvider<JwtDecoder> jwtDecoder,
			Environment environment, ProblemAuthenticationEntryPoint entryPoint,
			ProblemAccessDeniedHandler accessDeniedHandler) {
		requireTokenVerification(jwtDecoder, environment);
		http.authorizeHttpRequests(requests -> {
			// An error dispatch renders the outcome of a request that was already
			// authorized (or refused); it grants nothing of its own.
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			properties.access().forEach(rule -> rule.apply(requests));
			endpointAuthorizations.orderedStream().forEach(rules -> rules.customize(requests));
			requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
				.permitAll()
				.requestMatchers("/actuator/prometheus")
				.hasAnyRole(Roles.OPS, Roles.MONITORING)
				.requestMatchers("/actuator", "/actuator/**")
				.hasRole(Roles.OPS)
				.anyRequest()
				.authenticated();
		});
		http.oauth2ResourceServer(resourceServer -> resourceServer
			.jwt(jwt -> jwt.decoder(decoder(jwtDecoder.getObject(), properties))
				.jwtAuthenticationConverter(
						new CallerAuthenticationConverter(properties.rolesClaim(), properties.tenantClaim())))
			.authenticationEntryPoint(entryPoint)
			.accessDeniedHandler(accessDeniedHandler));
		http.exceptionHandling(
				exceptions -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDeniedHandler));
		http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.csrf(csrf -> csrf.disable());
		http.requestCache(cache -> cache.disable());
		http.logout(logout -> logout.disable());
		http.headers(headers -> {
			contentSecurityPolicies(properties.headers()).forEach(headers::addHeaderWriter);
			headers.referrerPolicy(referrer -> referrer.policy(referrerPolicy(properties.headers().referrerPolicy())));
		});
		PipelineSecurityProperties.Cors cors = properties.cors();
		if (cors.enabled()) {
			http.cors(configurer -> configurer.configurationSource(corsConfigurationSource(cors)));
		}
		else {
			http.cors(configurer -> configurer.disable());
		}
		return http.build();
	}

	/**
	 * Fails the start rather than run a service that would accept tokens of any issuer or
	 * audience.
	 */
	private static void requireTokenVerification(ObjectProvider<JwtDecoder> jwtDecoder, Environment environment) {
		if (jwtDecoder.getIfAvailable() == null) {
			throw new IllegalStateException("No JWT decoder: set " + JWT_PROPERTIES + "jwk-set-uri, " + JWT_PROPERTIES
					+ "issuer-uri and " + JWT_PROPERTIES + "audiences (the local run and test-support set them)");
		}
		if (StringUtils.hasText(environment.getProperty(JWT_PROPERTIES + "jwk-set-uri"))
				&& (!StringUtils.hasText(environment.getProperty(JWT_PROPERTIES + "issuer-uri"))
						|| !StringUtils.hasText(environment.getProperty(JWT_PROPERTIES + "audiences")))) {
			throw new IllegalStateException("Tokens must be checked for their issuer and audience: set "
					+ JWT_PROPERTIES + "issuer-uri and " + JWT_PROPERTIES + "audiences");
		}
	}

	private static JwtDecoder decoder(JwtDecoder verifying, PipelineSecurityProperties properties) {
		return (properties.verifiedTokenCacheSize() > 0) ? new VerifiedTokenCache(verifying,
				properties.verifiedTokenCacheSize(), properties.verifiedTokenTtl(), Clock.systemUTC()) : verifying;
	}

	private static List<DelegatingRequestMatcherHeaderWriter> contentSecurityPolicies(
			PipelineSecurityProperties.Headers headers) {
		ContentSecurityPolicyHeaderWriter apiPolicy = new ContentSecurityPolicyHeaderWriter(
				headers.contentSecurityPolicy());
		if (headers.pagePaths().isEmpty()) {
			return List.of(new DelegatingRequestMatcherHeaderWriter(request -> true, apiPolicy));
		}
		RequestMatcher pages = new OrRequestMatcher(headers.pagePaths()
			.stream()
			.<RequestMatcher>map(path -> PathPatternRequestMatcher.withDefaults().matcher(path))
			.toList());
		return List.of(
				new DelegatingRequestMatcherHeaderWriter(pages,
						new ContentSecurityPolicyHeaderWriter(headers.pageContentSecurityPolicy())),
				new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(pages), apiPolicy));
	}

	private static ReferrerPolicy referrerPolicy(String value) {
		ReferrerPolicy policy = ReferrerPolicy.get(value);
		if (policy == null) {
			throw new IllegalStateException("pipeline.security.headers.referrer-policy: unknown policy " + value);
		}
		return policy;
	}

	private static UrlBasedCorsConfigurationSource corsConfigurationSource(PipelineSecurityProperties.Cors cors) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOriginPatterns(cors.allowedOrigins());
		configuration.setAllowedMethods(cors.allowedMethods());
		configuration.setAllowedHeaders(cors.allowedHeaders());
		configuration.setExposedHeaders(cors.exposedHeaders());
		configuration.setMaxAge(cors.maxAge());
		// Bearer tokens travel in a header, never in cookies.
		configuration.setAllowCredentials(false);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", configuration);
		return source;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebMvcConfigurer.class)
	static class CallerParameterConfiguration {

		@Bean
		WebMvcConfigurer callerArgumentResolverConfigurer() {
			return new WebMvcConfigurer() {
				@Override
				public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
					resolvers.add(new CallerArgumentResolver());
				}
			};
		}

	}

}

package dev.orderpipeline.support.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineSecurityAutoConfigurationTest {

	private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PipelineSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class, OAuth2ResourceServerWebSecurityAutoConfiguration.class));

	private static final String[] JWT_PROPERTIES = {
			"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/jwks.json",
			"spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1",
			"spring.security.oauth2.resourceserver.jwt.audiences=order-pipeline" };

	@Test
	void contributesTheOnlyFilterChain() {
		contexts.withPropertyValues(JWT_PROPERTIES).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(SecurityFilterChain.class))
				.containsOnlyKeys("pipelineSecurityFilterChain");
		});
	}

	@Test
	void backsOffWhenTheServiceDefinesItsOwnChain() {
		contexts.withPropertyValues(JWT_PROPERTIES).withUserConfiguration(OwnChain.class).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("ownChain");
			// What a service's own chain may reuse stays available.
			assertThat(context).hasSingleBean(ProblemAuthenticationEntryPoint.class)
				.hasSingleBean(ProblemAccessDeniedHandler.class);
		});
	}

	@Test
	void refusesToStartWithoutTokenVerificationSettings() {
		contexts.run(context -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"));
	}

	@Test
	void refusesToStartWithoutIssuerOrAudience() {
		contexts.withPropertyValues(JWT_PROPERTIES[0], JWT_PROPERTIES[2])
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("issuer-uri"));
		contexts.withPropertyValues(JWT_PROPERTIES[0], JWT_PROPERTIES[1])
			.run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("audiences"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http) {
			http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
			return http.build();
		}

	}

}

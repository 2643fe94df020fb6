package dev.orderpipeline.testing;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = WithTestIdentityProviderTest.Empty.class)
@WithTestIdentityProvider
class WithTestIdentityProviderTest {

	@Autowired
	private Environment environment;

	@Autowired
	private ApplicationContext context;

	@Test
	void pointsTheResourceServerPropertiesAtTheTestIdentityProvider() {
		String prefix = "spring.security.oauth2.resourceserver.jwt.";
		assertThat(environment.getProperty(prefix + "jwk-set-uri")).isEqualTo(TestIdentityProvider.get().jwkSetUri());
		assertThat(environment.getProperty(prefix + "issuer-uri")).isEqualTo(TestIdentityProvider.get().issuer());
		assertThat(environment.getProperty(prefix + "audiences")).isEqualTo("order-pipeline");
	}

	@Test
	void thePropertiesAreThereWhenConditionsAreEvaluated() {
		// Spring Boot creates its JWT decoder on such a condition.
		assertThat(context.containsBean("decidedOnTheJwkSetUri")).isTrue();
	}

	@SpringBootConfiguration
	static class Empty {

		@Bean
		@ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
		String decidedOnTheJwkSetUri() {
			return "present";
		}

	}

}

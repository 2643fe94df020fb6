package dev.orderpipeline.testing;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = WithTestIdentityProviderTest.Empty.class)
@WithTestIdentityProvider
class WithTestIdentityProviderTest {

	@Autowired
	private Environment environment;

	@Test
	void pointsTheResourceServerPropertiesAtTheTestIdentityProvider() {
		String prefix = "spring.security.oauth2.resourceserver.jwt.";
		assertThat(environment.getProperty(prefix + "jwk-set-uri")).isEqualTo(TestIdentityProvider.get().jwkSetUri());
		assertThat(environment.getProperty(prefix + "issuer-uri")).isEqualTo(TestIdentityProvider.get().issuer());
		assertThat(environment.getProperty(prefix + "audiences")).isEqualTo("order-pipeline");
	}

	@SpringBootConfiguration
	static class Empty {

	}

}

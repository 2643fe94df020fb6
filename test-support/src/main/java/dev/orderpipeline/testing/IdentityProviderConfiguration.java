package dev.orderpipeline.testing;

import dev.orderpipeline.infra.auth.LocalIdentityProvider;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Makes the application under test trust the test JVM's identity provider: the JWK set,
 * issuer and audience properties every service reads.
 */
@TestConfiguration(proxyBeanMethods = false)
class IdentityProviderConfiguration {

	@Bean
	DynamicPropertyRegistrar identityProviderProperties() {
		return registry -> {
			LocalIdentityProvider provider = TestIdentityProvider.get();
			provider.resourceServerProperties().forEach((name, value) -> registry.add(name, () -> value));
		};
	}

}

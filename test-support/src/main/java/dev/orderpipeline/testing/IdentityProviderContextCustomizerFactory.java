package dev.orderpipeline.testing;

import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Makes a test annotated with {@link WithTestIdentityProvider} (or
 * {@link WithRealInfrastructure}) trust the test JVM's identity provider. The JWT
 * properties must be in the environment before the context is refreshed, because Spring
 * Boot decides from them, in a condition, whether to create the JWT decoder; a
 * {@code DynamicPropertyRegistrar} bean would come too late for that.
 */
class IdentityProviderContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, WithTestIdentityProvider.class)
				? new IdentityProviderProperties() : null;
	}

	/** The same for every test: the provider is one per JVM, so contexts stay cached. */
	static final class IdentityProviderProperties implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			// First, like @DynamicPropertySource: wins over a service's application.yml.
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("testIdentityProvider",
						new LinkedHashMap<>(TestIdentityProvider.get().resourceServerProperties())));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof IdentityProviderProperties;
		}

		@Override
		public int hashCode() {
			return IdentityProviderProperties.class.hashCode();
		}

	}

}

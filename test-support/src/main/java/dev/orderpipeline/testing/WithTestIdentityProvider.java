package dev.orderpipeline.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a test's application context trust {@link TestTokens}, without the rest of the
 * real infrastructure: for slice tests such as {@code @WebMvcTest}.
 * {@link WithRealInfrastructure} includes it. The JWT properties are set before the
 * context starts (by {@code IdentityProviderContextCustomizerFactory}) and win over the
 * service's own configuration.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithTestIdentityProvider {

}

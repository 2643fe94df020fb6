package dev.orderpipeline.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Makes a test's application context trust {@link TestTokens}, without the rest of the
 * real infrastructure: for slice tests such as {@code @WebMvcTest}.
 * {@link WithRealInfrastructure} includes it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(IdentityProviderConfiguration.class)
public @interface WithTestIdentityProvider {

}

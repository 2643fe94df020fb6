package dev.orderpipeline.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Runs a {@code @SpringBootTest} against real PostgreSQL and Kafka, shared by every test
 * class in the JVM, with the JWT properties set so that the service trusts
 * {@link TestTokens}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(RealInfrastructureConfiguration.class)
@WithTestIdentityProvider
public @interface WithRealInfrastructure {

}

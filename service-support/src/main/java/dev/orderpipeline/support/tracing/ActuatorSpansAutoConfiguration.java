package dev.orderpipeline.support.tracing;

import io.micrometer.tracing.exporter.SpanExportingPredicate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Keeps Prometheus scrapes and health checks out of the trace collector: every service is
 * scraped and health-checked every few seconds, which would bury the order traces. Their
 * spans still exist (log lines keep their trace ids) and their HTTP metrics are
 * untouched; they are only not exported.
 */
@AutoConfiguration
@ConditionalOnClass(SpanExportingPredicate.class)
public class ActuatorSpansAutoConfiguration {

	@Bean
	SpanExportingPredicate actuatorRequestsNotExported() {
		return (span) -> isExported(span.getTags().get("uri"));
	}

	static boolean isExported(String uri) {
		return uri == null || !(uri.equals("/actuator") || uri.startsWith("/actuator/"));
	}

}

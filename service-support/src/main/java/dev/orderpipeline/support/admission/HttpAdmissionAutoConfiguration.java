package dev.orderpipeline.support.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Puts every servlet service behind the admission limiter ({@link AdmissionFilter}),
 * sized by {@code pipeline.http.admission.*}. It runs first, before Spring Security, so a
 * refused request costs neither token verification nor a database connection.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "pipeline.http.admission", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(AdmissionProperties.class)
public class HttpAdmissionAutoConfiguration {

	@Bean
	FilterRegistrationBean<AdmissionFilter> httpAdmissionFilter(AdmissionProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		FilterRegistrationBean<AdmissionFilter> registration = new FilterRegistrationBean<>(new AdmissionFilter(
				properties, new AdmissionGate(properties), meters.getIfAvailable(() -> Metrics.globalRegistry)));
		// Inside the HTTP observation (HIGHEST_PRECEDENCE + 1), so refusals count in
		// http_server_requests as 503 with their (short) latency.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		registration.setName("httpAdmission");
		return registration;
	}

}

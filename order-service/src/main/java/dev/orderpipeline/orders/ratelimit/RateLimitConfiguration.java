package dev.orderpipeline.orders.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires the per-client rate limit of order placement. The filter is registered after
 * Spring Security's chain (lowest precedence) so that the caller is known when it runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

	@Bean
	ClientRateLimiter clientRateLimiter(RateLimitProperties settings, MeterRegistry registry) {
		return new ClientRateLimiter(settings, registry);
	}

	@Bean
	FilterRegistrationBean<PlacementRateLimitFilter> placementRateLimitFilter(ClientRateLimiter limiter,
			JsonMapper json) {
		FilterRegistrationBean<PlacementRateLimitFilter> registration = new FilterRegistrationBean<>(
				new PlacementRateLimitFilter(limiter, json));
		registration.addUrlPatterns("/orders");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE);
		return registration;
	}

}

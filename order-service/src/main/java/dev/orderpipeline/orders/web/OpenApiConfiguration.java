package dev.orderpipeline.orders.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs, rendered by Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI orderServiceApi() {
		return new OpenAPI().info(new Info().title("order-service").version("v1").description("""
				The synchronous order API: catalog, pricing, stock reservation, idempotent placement and \
				cancellation.

				**Money** is integer minor units plus an ISO 4217 code: `{"amount": 4200, "currency": "EUR"}`.

				**Pricing**: line total = unit price x quantity; subtotal = sum of line totals; tax = subtotal x \
				rate, the rate configured in basis points (`orders.pricing.tax-rate-basis-points`, default 2000 = \
				20 %), computed once on the subtotal and rounded half-up to the minor unit; total = subtotal + tax. \
				An amount beyond 2^63-1 minor units is a 400 validation error.

				**Errors** are `application/problem+json` (RFC 9457) with a stable `type` URI under \
				`https://errors.orderpipeline.dev/`; validation problems list `errors: [{field, message}]`, \
				insufficient stock lists `shortages: [{sku, requested, available}]`. 503 with Retry-After when the \
				database is unavailable."""));
	}

}

package dev.orderpipeline.orders.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs, rendered by Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer";

	@Bean
	OpenAPI orderServiceApi() {
		return new OpenAPI()
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An OAuth2 access token (JWT, RS256) from the configured identity provider. "
								+ "Claims: sub (for a customer, the customer id), tenant_id, roles "
								+ "(customer, admin, ops), email.")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			.info(new Info().title("order-service")
				.version("v1")
				.description(
						"""
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
								database is unavailable.

								**Security**: every endpoint needs a bearer access token (JWT) except this document, Swagger UI, \
								the AsyncAPI document and its schemas, and `/actuator/health`. Orders are the caller's own: \
								placing, reading, listing and cancelling need role `customer`, and the customer and tenant come \
								from the token; someone else's order is 404. Products may be read by any authenticated caller; \
								creating and updating products and stock needs role `admin`. 401 (no or invalid token, with \
								`WWW-Authenticate: Bearer`) and 403 (missing role) are problem documents too.

								**Limits**: bodies up to 64 KiB (413), up to 100 lines per order, pages of 1..100, and a \
								per-client rate limit on placing orders (429 with `Retry-After` and `RateLimit-*` headers)."""));
	}

}

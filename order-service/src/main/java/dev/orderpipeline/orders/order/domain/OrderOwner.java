package dev.orderpipeline.orders.order.domain;

import java.util.Objects;

/**
 * Who an order belongs to: a customer within a tenant. Customer ids are only unique
 * within their tenant, so every lookup by owner uses both.
 *
 * @param tenantId the tenant
 * @param customerId the customer (the access token's subject)
 */
public record OrderOwner(String tenantId, String customerId) {

	public OrderOwner {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(customerId, "customerId");
	}

}

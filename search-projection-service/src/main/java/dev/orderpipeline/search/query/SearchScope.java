package dev.orderpipeline.search.query;

import dev.orderpipeline.support.security.Caller;

/**
 * Which documents a caller may find at all, whatever the filters: always one tenant's,
 * and only their own orders for a customer. Comes from the token, never from a parameter;
 * the filters then narrow it further (a customer filtering on another customer's id finds
 * nothing).
 *
 * @param tenantId the caller's tenant; null for a machine client without one, whose
 * searches find nothing
 * @param customerId the only customer whose orders may be found, or null for the whole
 * tenant
 */
record SearchScope(String tenantId, String customerId) {

	static SearchScope tenant(String tenantId) {
		return new SearchScope(tenantId, null);
	}

	/**
	 * What a caller may find: their tenant's orders for an admin or ops user, their own
	 * orders otherwise (customers).
	 */
	static SearchScope of(Caller caller) {
		return (caller.isAdmin() || caller.isOps()) ? tenant(caller.tenantId())
				: ownOrders(caller.tenantId(), caller.subject());
	}

	static SearchScope ownOrders(String tenantId, String customerId) {
		if (customerId == null || customerId.isBlank()) {
			throw new IllegalArgumentException("A customer's search needs the customer id");
		}
		return new SearchScope(tenantId, customerId);
	}

}

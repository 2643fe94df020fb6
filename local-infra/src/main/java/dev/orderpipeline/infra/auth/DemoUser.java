package dev.orderpipeline.infra.auth;

import java.util.List;

/**
 * A user the local identity provider hands out tokens for at {@code /dev/tokens}, under
 * {@code name}.
 */
public record DemoUser(String name, String subject, String tenant, List<String> roles, String email) {

	/**
	 * The demo users of the security contract, keyed by the name {@code /dev/tokens}
	 * uses.
	 */
	public static final List<DemoUser> ALL = List.of(
			new DemoUser("customer", "customer-ana", "acme", List.of("customer"), "ana@example.com"),
			new DemoUser("customer2", "customer-ben", "acme", List.of("customer"), "ben@example.com"),
			new DemoUser("otherTenantCustomer", "customer-carla", "globex", List.of("customer"), "carla@example.com"),
			new DemoUser("admin", "admin-alex", "acme", List.of("admin"), "alex@example.com"),
			new DemoUser("catalogAdmin", "catalog-admin-cora", null, List.of("catalog-admin"), "cora@example.com"),
			new DemoUser("ops", "ops-olga", "acme", List.of("ops"), "olga@example.com"));

}

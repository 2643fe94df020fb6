package dev.orderpipeline.support.security;

/**
 * Role names for {@code pipeline.security.access[n].roles} ({@link AccessRule}) and for
 * {@code hasRole(..)} / {@code hasAnyRole(..)} in an {@link EndpointAuthorization}: the
 * token's {@code customer} role is the authority {@code ROLE_CUSTOMER}, and so on.
 */
public final class Roles {

	public static final String CUSTOMER = "CUSTOMER";

	public static final String ADMIN = "ADMIN";

	public static final String OPS = "OPS";

	/**
	 * The platform's catalog operator (token role {@code catalog-admin}): the shared
	 * catalog belongs to no tenant, so {@link #ADMIN}, a tenant's role, may not change
	 * it.
	 */
	public static final String CATALOG_ADMIN = "CATALOG-ADMIN";

	/** Machine scrapers: {@code /actuator/prometheus} and nothing else. */
	public static final String MONITORING = "MONITORING";

	private Roles() {
	}

}

package dev.orderpipeline.support.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from the verified access token: the only source of a customer's id and
 * tenant. Controllers declare a {@code Caller} parameter or call {@link #current()}.
 *
 * @param subject the token's {@code sub}: the customer id for a customer, the client id
 * for a machine client
 * @param tenantId the tenant claim; null only for machine clients (their tokens carry no
 * tenant), so a tenant-scoped query made for one finds nothing
 * @param email the {@code email} claim, null when absent
 * @param roles the role names as in the token, lower case ({@code customer},
 * {@code admin}, {@code catalog-admin}, {@code ops}, {@code monitoring})
 */
public record Caller(String subject, String tenantId, String email,
		Set<String> roles) implements AuthenticatedPrincipal {

	public static final String CUSTOMER = "customer";

	public static final String ADMIN = "admin";

	public static final String OPS = "ops";

	public static final String CATALOG_ADMIN = "catalog-admin";

	public static final String MONITORING = "monitoring";

	static final String DEFAULT_ROLES_CLAIM = "roles";

	static final String DEFAULT_TENANT_CLAIM = "tenant_id";

	public Caller {
		roles = Set.copyOf(roles);
	}

	/**
	 * The caller of the current request.
	 * @throws AuthenticationCredentialsNotFoundException when the request is not
	 * authenticated with an access token (answered with 401)
	 */
	public static Caller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
			return caller;
		}
		if (authentication instanceof JwtAuthenticationToken token) {
			// A token built elsewhere (a test's jwt() post-processor): the default claim
			// names.
			return fromJwt(token.getToken(), DEFAULT_ROLES_CLAIM, DEFAULT_TENANT_CLAIM);
		}
		throw new AuthenticationCredentialsNotFoundException("The request carries no verified access token");
	}

	static Caller fromJwt(Jwt jwt, String rolesClaim, String tenantClaim) {
		return new Caller(jwt.getSubject(), jwt.getClaimAsString(tenantClaim), jwt.getClaimAsString("email"),
				roleNames(jwt.getClaim(rolesClaim)));
	}

	/** The roles claim as an array, or as one space- or comma-separated string. */
	static Set<String> roleNames(Object claim) {
		Collection<?> values;
		if (claim instanceof Collection<?> collection) {
			values = collection;
		}
		else if (claim instanceof String text) {
			values = List.of(text.split("[\\s,]+"));
		}
		else {
			values = List.of();
		}
		Set<String> roles = new LinkedHashSet<>();
		for (Object value : values) {
			String role = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
			if (!role.isEmpty()) {
				roles.add(role);
			}
		}
		return roles;
	}

	public boolean hasRole(String role) {
		return roles.contains(role.toLowerCase(Locale.ROOT));
	}

	public boolean isCustomer() {
		return hasRole(CUSTOMER);
	}

	public boolean isAdmin() {
		return hasRole(ADMIN);
	}

	public boolean isOps() {
		return hasRole(OPS);
	}

	@Override
	public String getName() {
		return subject;
	}

}

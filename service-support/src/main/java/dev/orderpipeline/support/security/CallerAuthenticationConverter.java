package dev.orderpipeline.support.security;

import java.util.List;
import java.util.Locale;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified token into an authentication whose principal is the {@link Caller} and
 * whose authorities are the roles as {@code ROLE_CUSTOMER}, {@code ROLE_ADMIN}, ...
 */
final class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final String rolesClaim;

	private final String tenantClaim;

	CallerAuthenticationConverter(String rolesClaim, String tenantClaim) {
		this.rolesClaim = rolesClaim;
		this.tenantClaim = tenantClaim;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Caller caller = Caller.fromJwt(jwt, rolesClaim, tenantClaim);
		List<GrantedAuthority> authorities = caller.roles()
			.stream()
			.<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)))
			.toList();
		return new JwtAuthenticationToken(jwt, caller, authorities);
	}

}

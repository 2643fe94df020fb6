package dev.orderpipeline.support.security;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void rolesBecomeRoleAuthoritiesAndTheCallerIsThePrincipal() {
		Jwt jwt = jwt().claim("roles", List.of("customer", "Admin")).build();

		var authentication = new CallerAuthenticationConverter("roles", "tenant_id").convert(jwt);

		assertThat(authentication.getAuthorities()).extracting(Object::toString)
			.containsExactlyInAnyOrder("ROLE_CUSTOMER", "ROLE_ADMIN");
		assertThat(authentication.getName()).isEqualTo("customer-ana");
		Caller caller = (Caller) authentication.getPrincipal();
		assertThat(caller.tenantId()).isEqualTo("acme");
		assertThat(caller.isAdmin()).isTrue();
		assertThat(caller.isOps()).isFalse();
	}

	@Test
	void claimNamesAreConfigurable() {
		Jwt jwt = jwt().claim("groups", "ops monitoring").claim("org", "globex").build();

		Caller caller = (Caller) new CallerAuthenticationConverter("groups", "org").convert(jwt).getPrincipal();

		assertThat(caller.roles()).containsExactlyInAnyOrder("ops", "monitoring");
		assertThat(caller.tenantId()).isEqualTo("globex");
	}

	@Test
	void currentReadsAPlainJwtAuthenticationWithTheDefaultClaims() {
		SecurityContextHolder.getContext()
			.setAuthentication(new JwtAuthenticationToken(jwt().claim("roles", List.of("customer")).build()));

		assertThat(Caller.current()).isEqualTo(new Caller("customer-ana", "acme", null, java.util.Set.of("customer")));
	}

	@Test
	void currentWithoutATokenIsAnAuthenticationFailure() {
		assertThatThrownBy(Caller::current).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
	}

	private static Jwt.Builder jwt() {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("customer-ana")
			.claim("tenant_id", "acme")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60));
	}

}

package dev.orderpipeline.testing;

import java.net.URL;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.orderpipeline.infra.auth.LocalIdentityProvider;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestTokensTest {

	@Test
	void customerTokensCarryTheCustomerAndTenant() throws Exception {
		JWTClaimsSet claims = verify(TestTokens.customer("customer-x", "globex"));

		assertThat(claims.getSubject()).isEqualTo("customer-x");
		assertThat(claims.getStringClaim("tenant_id")).isEqualTo("globex");
		assertThat(claims.getStringListClaim("roles")).containsExactly("customer");
		assertThat(claims.getIssuer()).isEqualTo(TestIdentityProvider.get().issuer());
		assertThat(claims.getAudience()).containsExactly(LocalIdentityProvider.AUDIENCE);
	}

	@Test
	void roleTokensCarryTheirRole() throws Exception {
		assertThat(verify(TestTokens.admin()).getStringListClaim("roles")).containsExactly("admin");
		assertThat(verify(TestTokens.ops()).getStringListClaim("roles")).containsExactly("ops");
		JWTClaimsSet monitoring = verify(TestTokens.monitoring());
		assertThat(monitoring.getStringListClaim("roles")).containsExactly("monitoring");
		assertThat(monitoring.getClaim("tenant_id")).isNull();
	}

	@Test
	void eachBadTokenHasExactlyItsOneDefect() throws Exception {
		assertThat(SignedJWT.parse(TestTokens.expired()).getJWTClaimsSet().getExpirationTime())
			.isBefore(new Date(System.currentTimeMillis() - 30 * 60_000));
		assertThatThrownBy(() -> verify(TestTokens.signedByAnotherKey())).isInstanceOf(BadJOSEException.class);

		JWTClaimsSet otherIssuer = verify(TestTokens.withIssuer("https://elsewhere.example"));
		assertThat(otherIssuer.getIssuer()).isEqualTo("https://elsewhere.example");
		assertThat(otherIssuer.getAudience()).containsExactly(LocalIdentityProvider.AUDIENCE);

		JWTClaimsSet otherAudience = verify(TestTokens.withAudience("another-api"));
		assertThat(otherAudience.getAudience()).containsExactly("another-api");
		assertThat(otherAudience.getIssuer()).isEqualTo(TestIdentityProvider.get().issuer());
	}

	@Test
	void addsTheBearerHeaderToMockMvcRequests() {
		MockHttpServletRequest request = TestTokens.bearerToken("abc").postProcessRequest(new MockHttpServletRequest());

		assertThat(request.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer abc");
		assertThat(TestTokens.bearer("abc")).isEqualTo("Bearer abc");
		assertThat(TestTokens.headers("abc").getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer abc");
	}

	private static JWTClaimsSet verify(String token) throws Exception {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, JWKSourceBuilder
			.create(new URL(TestIdentityProvider.get().jwkSetUri()), new DefaultResourceRetriever(10_000, 10_000))
			.retrying(false)
			.build()));
		// Signature only: the claims' checks are the services' decoder's job.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		return processor.process(token, null);
	}

}

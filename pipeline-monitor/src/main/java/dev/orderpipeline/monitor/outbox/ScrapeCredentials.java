package dev.orderpipeline.monitor.outbox;

import dev.orderpipeline.monitor.MonitorProperties;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * The bearer token of the outbox scrape: Spring Security's OAuth2 client with the
 * client-credentials grant. The token is fetched on the first scrape, reused until
 * shortly before it expires, and dropped when order-service answers 401 or 403, so the
 * next scrape fetches a new one.
 *
 * <p>
 * Built here rather than from {@code spring.security.oauth2.client.registration.*}: the
 * scrape runs on the refresh thread, with no user and no servlet request, so it needs the
 * service-based authorized client manager, and the monitor registers no
 * {@code ClientRegistrationRepository} bean that would switch on an OAuth2 login.
 */
final class ScrapeCredentials {

	static final String REGISTRATION_ID = "order-service-scrape";

	private ScrapeCredentials() {
	}

	/**
	 * @param auth the client credentials
	 * @param requestFactory the HTTP client (with its timeouts) for the token request
	 * too, so a hanging identity provider cannot hold up the refresh loop
	 * @return an interceptor that adds {@code Authorization: Bearer <token>}
	 */
	static OAuth2ClientHttpRequestInterceptor interceptor(MonitorProperties.ScrapeAuth auth,
			ClientHttpRequestFactory requestFactory) {
		ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientId(auth.clientId())
			.clientSecret(auth.clientSecret())
			.tokenUri(auth.tokenUri().toString())
			.build();
		ClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		OAuth2AuthorizedClientService authorizedClients = new InMemoryOAuth2AuthorizedClientService(registrations);

		RestClientClientCredentialsTokenResponseClient tokens = new RestClientClientCredentialsTokenResponseClient();
		tokens.setRestClient(
				RestClient.builder().requestFactory(requestFactory).configureMessageConverters((converters) -> {
					converters.addCustomConverter(new FormHttpMessageConverter());
					converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
				}).defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokens);
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(provider);

		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		interceptor.setClientRegistrationIdResolver((request) -> REGISTRATION_ID);
		// No user behind a scrape: the monitor asks as itself (the interceptor's
		// anonymous
		// principal), whatever thread it runs on.
		interceptor.setPrincipalResolver((request) -> null);
		interceptor.setAuthorizationFailureHandler(
				OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
		return interceptor;
	}

}

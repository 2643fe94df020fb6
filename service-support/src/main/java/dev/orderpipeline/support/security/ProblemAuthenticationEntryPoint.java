package dev.orderpipeline.support.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as a problem document, with the RFC 6750 {@code WWW-Authenticate: Bearer}
 * challenge: plain when the request had no token, {@code error="invalid_token"} when it
 * had one that did not verify (bad signature, expired, wrong issuer or audience).
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof OAuth2AuthenticationException) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\"");
			SecurityProblems.write(request, response, 401, "unauthorized", "Unauthorized",
					"The access token is invalid or expired.");
		}
		else {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			SecurityProblems.write(request, response, 401, "unauthorized", "Unauthorized",
					"This request needs a bearer access token.");
		}
	}

}

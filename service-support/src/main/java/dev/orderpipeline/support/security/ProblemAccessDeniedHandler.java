package dev.orderpipeline.support.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 403 as a problem document, with the RFC 6750 {@code insufficient_scope} challenge: the
 * token is valid, its roles do not allow the request.
 */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer error=\"insufficient_scope\", error_description=\"The caller's roles do not allow this request\"");
		SecurityProblems.write(request, response, 403, "forbidden", "Forbidden",
				"The caller's roles do not allow this request.");
	}

}

package dev.orderpipeline.orders.ratelimit;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.orderpipeline.support.problem.ProblemTypes;
import dev.orderpipeline.support.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits {@code POST /orders} per client: 429 with {@code Retry-After} once the client's
 * bucket is empty. It runs after Spring Security's filter chain (lowest precedence), so
 * the caller is authenticated and its bucket is its tenant's and subject's; every attempt
 * counts, including invalid bodies and idempotent retries, and a refused one never
 * reaches the body parser or the database.
 *
 * <p>
 * Every limited response carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds), as in the IETF draft on rate-limit headers.
 */
class PlacementRateLimitFilter extends OncePerRequestFilter {

	static final String RATE_LIMITED_TYPE = ProblemTypes.RATE_LIMITED.toString();

	private final ClientRateLimiter limiter;

	private final JsonMapper json;

	PlacementRateLimitFilter(ClientRateLimiter limiter, JsonMapper json) {
		this.limiter = limiter;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.limiter.enabled() || !"POST".equals(request.getMethod())
				|| !"/orders".equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ClientRateLimiter.Decision decision = this.limiter.tryAcquire(client(request));
		response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
		response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
		response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
		if (decision.allowed()) {
			chain.doFilter(request, response);
			return;
		}
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", RATE_LIMITED_TYPE);
		problem.put("title", "Too many requests");
		problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
		problem.put("detail",
				"Too many orders placed in a short time; retry after " + decision.retryAfterSeconds() + " second(s).");
		problem.put("instance", request.getRequestURI());
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(problem));
	}

	// Security has authenticated the caller before this filter runs. Customer ids are
	// unique only within a tenant, so the bucket is the tenant's and the subject's
	// together (a machine client has no tenant). Without a caller (security switched off
	// in a test slice) the remote address stands in.
	private static String client(HttpServletRequest request) {
		if (request.getUserPrincipal() == null) {
			return "addr:" + request.getRemoteAddr();
		}
		try {
			Caller caller = Caller.current();
			String tenant = (caller.tenantId() != null) ? caller.tenantId() : "-";
			return "tenant:" + tenant + "/sub:" + caller.subject();
		}
		catch (AuthenticationException ex) {
			return "principal:" + request.getUserPrincipal().getName();
		}
	}

}

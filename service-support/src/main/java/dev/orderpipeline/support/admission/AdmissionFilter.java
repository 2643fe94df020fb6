package dev.orderpipeline.support.admission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Admission control for every request but the probes and scrapes: a request beyond the
 * limit and its short queue is answered at once with a 503 problem and
 * {@code Retry-After}, before authentication, parsing or a database connection cost
 * anything, so overload shows as quick refusals instead of client timeouts.
 */
class AdmissionFilter extends OncePerRequestFilter {

	static final String PROBLEM_TYPE = "https://errors.orderpipeline.dev/overloaded";

	private final AdmissionGate gate;

	private final List<PathPattern> bypass;

	private final String retryAfterSeconds;

	private final Timer waits;

	private final Counter queueFull;

	private final Counter waitTimeout;

	AdmissionFilter(AdmissionProperties properties, AdmissionGate gate, MeterRegistry meters) {
		this.gate = gate;
		this.bypass = properties.bypassPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.retryAfterSeconds = Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
		Gauge.builder("http.admission.limit", gate, AdmissionGate::limit)
			.description("Requests this instance admits at once")
			.register(meters);
		Gauge.builder("http.admission.in_flight", gate, AdmissionGate::inFlight)
			.description("Admitted requests in progress")
			.register(meters);
		Gauge.builder("http.admission.waiting", gate, AdmissionGate::waiting)
			.description("Requests waiting for a slot")
			.register(meters);
		this.waits = Timer.builder("http.admission.wait")
			.description("Time a request waited for a slot, admitted or refused")
			.serviceLevelObjectives(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(10),
					java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(100))
			.register(meters);
		this.queueFull = refusals(meters, AdmissionGate.Refusal.QUEUE_FULL);
		this.waitTimeout = refusals(meters, AdmissionGate.Refusal.WAIT_TIMEOUT);
	}

	private static Counter refusals(MeterRegistry meters, AdmissionGate.Refusal reason) {
		return Counter.builder("http.admission.refused")
			.description("Requests refused with 503 because the instance was at its limit")
			.tag("reason", reason.tag())
			.register(meters);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		PathContainer path = PathContainer
			.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
		return this.bypass.stream().anyMatch((pattern) -> pattern.matches(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AdmissionGate.Admission admission;
		try {
			admission = this.gate.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServletException("Interrupted while waiting for admission", ex);
		}
		this.waits.record(admission.waitedNanos(), TimeUnit.NANOSECONDS);
		if (admission.slot() == null) {
			((admission.refusal() == AdmissionGate.Refusal.QUEUE_FULL) ? this.queueFull : this.waitTimeout).increment();
			refuse(request, response);
			return;
		}
		boolean served = false;
		try {
			chain.doFilter(request, response);
			served = response.getStatus() < 500;
		}
		finally {
			if (served) {
				admission.slot().succeeded();
			}
			else {
				admission.slot().ignored();
			}
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", this.retryAfterSeconds);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String body = "{\"type\":\"" + PROBLEM_TYPE + "\",\"title\":\"Service overloaded\",\"status\":503,"
				+ "\"detail\":\"The service is at its capacity; retry after " + this.retryAfterSeconds
				+ " s.\",\"instance\":\"" + jsonEscape(request.getRequestURI()) + "\"}";
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

	private static String jsonEscape(String value) {
		StringBuilder escaped = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\' || c < 0x20 || c == '<' || c == '>' || c == '&') {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}

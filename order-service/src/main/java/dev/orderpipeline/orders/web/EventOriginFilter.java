package dev.orderpipeline.orders.web;

import java.io.IOException;
import java.util.regex.Pattern;

import dev.orderpipeline.orders.outbox.EventOrigin;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the request's correlation id, and its W3C trace context, for the events it
 * causes. With Micrometer Tracing (every service has it) the outbox writer stores the
 * current span's context instead, the request's server span, which Boot's observation
 * already made a child of a well-formed incoming {@code traceparent}; the bound trace
 * context is the fallback where no span is current. Malformed values are dropped rather
 * than copied into every consumer's logs: a broken {@code traceparent} would only start a
 * broken trace downstream.
 */
@Component
class EventOriginFilter extends OncePerRequestFilter {

	static final String CORRELATION_ID = "X-Correlation-Id";

	private static final Pattern TRACEPARENT = Pattern
		.compile("^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$");

	private static final Pattern TRACESTATE = Pattern.compile("^[\\x20-\\x7E]{1,512}$");

	private static final Pattern CORRELATION = Pattern.compile("^[\\x21-\\x7E]{1,128}$");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String traceparent = valid(request.getHeader("traceparent"), TRACEPARENT);
		String tracestate = (traceparent != null) ? valid(request.getHeader("tracestate"), TRACESTATE) : null;
		EventOrigin
			.bind(new EventOrigin(traceparent, tracestate, valid(request.getHeader(CORRELATION_ID), CORRELATION)));
		try {
			chain.doFilter(request, response);
		}
		finally {
			EventOrigin.clear();
		}
	}

	private static String valid(String value, Pattern pattern) {
		return (value != null && pattern.matcher(value).matches()) ? value : null;
	}

}

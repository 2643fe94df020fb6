package dev.orderpipeline.monitor.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.orderpipeline.monitor.MonitorProperties;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Calls order-service's operations API ({@code /ops/outbox/...}) for the status page and
 * passes its answer through, problem documents included. The caller's own bearer token is
 * relayed: the monitor holds no rights of its own there, and order-service audits the
 * person who asked. order-service is found where its Prometheus endpoint is
 * ({@code pipeline.monitor.order-service.prometheus-url}), so there is one address to
 * configure.
 */
@Component
class OrderServiceCall {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

	OrderServiceCall(MonitorProperties properties) {
		this.base = properties.orderService().prometheusUrl().resolve("/");
	}

	ResponseEntity<?> get(String pathAndQuery, String authorization) {
		return send(request(pathAndQuery, authorization).GET());
	}

	ResponseEntity<?> post(String pathAndQuery, String json, String authorization) {
		return send(request(pathAndQuery, authorization).header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers.ofString((json != null) ? json : "")));
	}

	private HttpRequest.Builder request(String pathAndQuery, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(pathAndQuery))
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request;
	}

	private ResponseEntity<?> send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			MediaType type = response.headers()
				.firstValue("Content-Type")
				.map(MediaType::parseMediaType)
				.orElse(MediaType.APPLICATION_JSON);
			return ResponseEntity.status(response.statusCode()).contentType(type).body(response.body());
		}
		catch (IOException ex) {
			return problem(HttpStatus.BAD_GATEWAY, "order-service unreachable",
					"order-service at " + this.base + " did not answer: " + ex.getClass().getSimpleName()
							+ ((ex.getMessage() != null) ? " " + ex.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted", "The call to order-service was interrupted");
		}
	}

	static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}

package dev.orderpipeline.monitor.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.orderpipeline.monitor.MonitorProperties;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Forwards a replay to the consumer service that owns the group's dead-letter store
 * ({@code POST <service>/dead-letters/replay-all}) and passes its answer through. The
 * consumer service wants role ops as well: the caller's own bearer token is relayed, so
 * the monitor holds no replay rights of its own and the service sees who asked.
 */
@Component
class DeadLetterReplayProxy {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final MonitorProperties properties;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

	DeadLetterReplayProxy(MonitorProperties properties) {
		this.properties = properties;
	}

	ResponseEntity<?> replayAll(String group, int limit, String authorization) {
		URI serviceUrl = this.properties.serviceUrlOf(group);
		if (serviceUrl == null) {
			return PipelineController.problem(HttpStatus.NOT_FOUND, "No consumer service configured",
					"No service URL is configured for group " + group
							+ " (pipeline.monitor.groups.<group>.service-url or pipeline.monitor.service-url-template)");
		}
		String base = serviceUrl.toString().replaceAll("/+$", "");
		URI target = URI.create(base + "/dead-letters/replay-all?limit=" + limit);
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(target)
				.timeout(REQUEST_TIMEOUT)
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.noBody());
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			MediaType type = response.headers()
				.firstValue("Content-Type")
				.map(MediaType::parseMediaType)
				.orElse(MediaType.APPLICATION_JSON);
			return ResponseEntity.status(response.statusCode()).contentType(type).body(response.body());
		}
		catch (IOException ex) {
			return PipelineController.problem(HttpStatus.BAD_GATEWAY, "Consumer service unreachable",
					group + " at " + base + " did not answer: " + ex.getClass().getSimpleName()
							+ ((ex.getMessage() != null) ? " " + ex.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return PipelineController.problem(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted", "Replay interrupted");
		}
	}

}

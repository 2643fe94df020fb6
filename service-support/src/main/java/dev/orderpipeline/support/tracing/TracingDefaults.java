package dev.orderpipeline.support.tracing;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The pipeline's tracing and log defaults, shared by every service, below anything a
 * service's {@code application.yml}, the environment or the command line sets.
 * <ul>
 * <li>Every trace is sampled: without an OTLP endpoint nothing leaves the process, and
 * with one (docker-compose) an order's whole path is worth seeing. Lower it with
 * {@code management.tracing.sampling.probability}.</li>
 * <li>Each log line's correlation part carries the trace id, the span id and, while a
 * consumer handles an event, its event id: {@code [traceId,spanId,eventId]}.</li>
 * </ul>
 * OTLP export stays off until
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} is set: Boot creates no
 * span exporter without it.
 */
public class TracingDefaults implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "orderPipelineTracingDefaults";

	private static final Map<String, Object> DEFAULTS = Map.of("management.tracing.sampling.probability", "1.0",
			"logging.pattern.correlation", "[%X{traceId:-},%X{spanId:-},%X{event_id:-}] ");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
	}

}

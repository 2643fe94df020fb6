package dev.orderpipeline.localrun;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One of the services the local run starts, with what a person needs to reach it.
 *
 * @param database the service's own database, or {@code null} for one without
 * @param arguments extra command-line arguments, given every port of the run by name
 * @param priority how the service shares the CPU with the request path
 */
record ServiceDefinition(String name, int defaultPort, String database,
		Function<Map<String, Integer>, List<String>> arguments, List<String> links, CpuPriority priority) {

	/**
	 * The request path first: on shared cores, work behind the event boundary yields to
	 * the order API and PostgreSQL/Kafka, lags, and catches up when the load drops.
	 */
	enum CpuPriority {

		/** order-service: the synchronous request path. */
		REQUEST_PATH(0),

		/** Consumers and the monitor: their work can wait; Kafka holds it. */
		BACKGROUND(10);

		private final int niceness;

		CpuPriority(int niceness) {
			this.niceness = niceness;
		}

		/** Added to the launcher's own niceness ({@code nice -n}). */
		int niceness() {
			return niceness;
		}

	}

	/** Scrapes order-service's metrics, so it gets a machine client of its own. */
	static final String PIPELINE_MONITOR = "pipeline-monitor";

	/** order-service first: the launcher starts it alone and the others once it is UP. */
	static final List<ServiceDefinition> ALL = List.of(
			new ServiceDefinition("order-service", 8080, "orders", ports -> List.of("--spring.profiles.active=demo"),
					List.of("/products", "/orders", "/swagger-ui.html", "/asyncapi/order-events.asyncapi.yaml"),
					CpuPriority.REQUEST_PATH),
			new ServiceDefinition("notification-service", 8081, "notifications",
					ports -> List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + ports.get("smtp")),
					List.of("/notifications", "/dead-letters", "/swagger-ui.html"), CpuPriority.BACKGROUND),
			new ServiceDefinition("analytics-service", 8082, "analytics", ports -> List.of(),
					List.of("/analytics/daily", "/dead-letters", "/swagger-ui.html"), CpuPriority.BACKGROUND),
			new ServiceDefinition("search-projection-service", 8083, "search", ports -> List.of(),
					List.of("/search/orders?q=", "/dead-letters", "/swagger-ui.html"), CpuPriority.BACKGROUND),
			new ServiceDefinition(PIPELINE_MONITOR, 8090, null, ServiceDefinition::monitorArguments,
					List.of("/ (pipeline status page)", "/api/pipeline"), CpuPriority.BACKGROUND));

	/** The monitor finds the other services wherever their ports were moved. */
	private static List<String> monitorArguments(Map<String, Integer> ports) {
		String prefix = "--pipeline.monitor.groups.";
		return List.of(
				prefix + "notification-service.service-url=http://127.0.0.1:" + ports.get("notification-service"),
				prefix + "analytics-service.service-url=http://127.0.0.1:" + ports.get("analytics-service"),
				prefix + "search-projection-service.service-url=http://127.0.0.1:"
						+ ports.get("search-projection-service"),
				"--pipeline.monitor.order-service.prometheus-url=http://127.0.0.1:" + ports.get("order-service")
						+ "/actuator/prometheus");
	}

}

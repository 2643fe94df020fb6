package dev.orderpipeline.localrun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.orderpipeline.infra.services.ServiceModule;
import dev.orderpipeline.infra.services.ServiceModules;

/**
 * One of the services the local run starts, with what a person needs to reach it. The
 * consumers among them are not listed here: {@link ServiceModules} finds them by
 * convention (a module of the root pom that depends on consumer-runtime, with its name,
 * port and database in its application.yml).
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

	/** Printed for a consumer whose application.yml names none. */
	static final List<String> CONSUMER_LINKS = List.of("/dead-letters", "/swagger-ui.html");

	/**
	 * A consumer's own links for the summary, in its application.yml: read by the local
	 * run only.
	 */
	static final String LINKS_KEY = "pipeline.local-run.links";

	/**
	 * The services of the repository at {@code modules}: order-service first (the
	 * launcher starts it alone and the others once it is UP), then every consumer found
	 * by convention, then the monitor.
	 */
	static List<ServiceDefinition> all(ServiceModules modules) {
		ServiceModule orders = modules.orderService();
		List<ServiceModule> consumers = modules.consumers();
		List<ServiceDefinition> all = new ArrayList<>();
		all.add(new ServiceDefinition(orders.name(), orders.port(), orders.database(),
				ports -> List.of("--spring.profiles.active=demo"),
				List.of("/products", "/orders", "/swagger-ui.html", "/asyncapi/order-events.asyncapi.yaml"),
				CpuPriority.REQUEST_PATH));
		for (ServiceModule consumer : consumers) {
			List<String> links = consumer.listSetting(LINKS_KEY);
			all.add(new ServiceDefinition(consumer.name(), consumer.port(), consumer.database(),
					ports -> consumerArguments(consumer, ports), links.isEmpty() ? CONSUMER_LINKS : links,
					CpuPriority.BACKGROUND));
		}
		ServiceModule monitor = modules.read(PIPELINE_MONITOR);
		all.add(new ServiceDefinition(monitor.name(), monitor.port(), null,
				ports -> monitorArguments(orders, consumers, ports),
				List.of("/ (pipeline status page)", "/api/pipeline"), CpuPriority.BACKGROUND));
		return List.copyOf(all);
	}

	/** The services of the repository this process runs in (or below). */
	static List<ServiceDefinition> discovered() {
		return all(ServiceModules.around(Path.of("")));
	}

	/**
	 * A service that sends mail (its application.yml sets {@code spring.mail.host}) sends
	 * it to the local run's SMTP server.
	 */
	private static List<String> consumerArguments(ServiceModule consumer, Map<String, Integer> ports) {
		if (consumer.configures("spring.mail.host")) {
			return List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + ports.get(LocalRunOptions.SMTP));
		}
		return List.of();
	}

	/**
	 * The monitor watches every consumer's group (also before it commits anything) and
	 * finds its service wherever its port was moved.
	 */
	private static List<String> monitorArguments(ServiceModule orders, List<ServiceModule> consumers,
			Map<String, Integer> ports) {
		List<String> arguments = new ArrayList<>();
		for (ServiceModule consumer : consumers) {
			arguments.add("--pipeline.monitor.groups." + consumer.name() + ".service-url=http://127.0.0.1:"
					+ ports.get(consumer.name()));
		}
		arguments.add("--pipeline.monitor.order-service.prometheus-url=http://127.0.0.1:" + ports.get(orders.name())
				+ "/actuator/prometheus");
		return arguments;
	}

}

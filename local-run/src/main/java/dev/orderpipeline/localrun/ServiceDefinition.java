package dev.orderpipeline.localrun;

import java.util.List;

/**
 * One of the four services the local run starts, with what a person needs to reach it.
 */
record ServiceDefinition(String name, int defaultPort, String database, List<String> extraArguments,
		List<String> links) {

	static final List<ServiceDefinition> ALL = List.of(
			new ServiceDefinition("order-service", 8080, "orders", List.of("--spring.profiles.active=demo"),
					List.of("/products", "/orders", "/swagger-ui.html")),
			new ServiceDefinition("notification-service", 8081, "notifications", List.of(),
					List.of("/swagger-ui.html")),
			new ServiceDefinition("analytics-service", 8082, "analytics", List.of(), List.of("/swagger-ui.html")),
			new ServiceDefinition("search-projection-service", 8083, "search", List.of(), List.of("/swagger-ui.html")));

}

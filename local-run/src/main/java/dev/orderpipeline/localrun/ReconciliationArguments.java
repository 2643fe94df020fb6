package dev.orderpipeline.localrun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.infra.PostgresServer;

/**
 * The monitor's reconciliation settings for the local run: the orders database as the
 * truth and each consumer's database, read only. The local databases' password is the
 * well-known local one, so it may go on the command line.
 */
final class ReconciliationArguments {

	private static final Map<String, String> KINDS = Map.of("notification-service", "NOTIFICATION", "analytics-service",
			"ANALYTICS", "search-projection-service", "SEARCH");

	private static final String PREFIX = "--pipeline.monitor.reconciliation.";

	private ReconciliationArguments() {
	}

	static List<String> of(PostgresServer postgres) {
		List<String> arguments = new ArrayList<>(database(postgres, PREFIX + "orders.", "orders"));
		for (ServiceDefinition definition : ServiceDefinition.ALL) {
			String kind = KINDS.get(definition.name());
			if (kind != null) {
				String consumer = PREFIX + "consumers." + definition.name() + ".";
				arguments.add(consumer + "kind=" + kind);
				arguments.addAll(database(postgres, consumer + "database.", definition.database()));
			}
		}
		return arguments;
	}

	private static List<String> database(PostgresServer postgres, String prefix, String name) {
		return List.of(prefix + "url=" + postgres.jdbcUrl(name), prefix + "username=" + PostgresServer.USER,
				prefix + "password=" + PostgresServer.PASSWORD);
	}

}

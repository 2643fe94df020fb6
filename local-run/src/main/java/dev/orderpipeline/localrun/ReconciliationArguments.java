package dev.orderpipeline.localrun;

import java.util.ArrayList;
import java.util.List;

import dev.orderpipeline.infra.PostgresServer;
import dev.orderpipeline.infra.services.ServiceModule;
import dev.orderpipeline.infra.services.ServiceModules;

/**
 * The monitor's reconciliation settings for the local run: the orders database as the
 * truth and each consumer's database, read only. The local databases' password is the
 * well-known local one, so it may go on the command line.
 */
final class ReconciliationArguments {

	/**
	 * How the monitor checks a consumer's effects against the orders (pipeline-checker's
	 * ConsumerKind), from the consumer's application.yml; a consumer without it is not
	 * reconciled.
	 */
	static final String KIND_KEY = "pipeline.local-run.reconciliation-kind";

	private static final String PREFIX = "--pipeline.monitor.reconciliation.";

	private ReconciliationArguments() {
	}

	static List<String> of(PostgresServer postgres, ServiceModules modules) {
		List<String> arguments = new ArrayList<>(
				database(postgres, PREFIX + "orders.", modules.orderService().database()));
		for (ServiceModule module : modules.consumers()) {
			module.setting(KIND_KEY).ifPresent((kind) -> {
				String consumer = PREFIX + "consumers." + module.name() + ".";
				arguments.add(consumer + "kind=" + kind);
				arguments.addAll(database(postgres, consumer + "database.", module.database()));
			});
		}
		return arguments;
	}

	private static List<String> database(PostgresServer postgres, String prefix, String name) {
		return List.of(prefix + "url=" + postgres.jdbcUrl(name), prefix + "username=" + PostgresServer.USER,
				prefix + "password=" + PostgresServer.PASSWORD);
	}

}

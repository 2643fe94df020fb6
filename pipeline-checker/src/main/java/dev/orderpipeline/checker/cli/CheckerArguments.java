package dev.orderpipeline.checker.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.checker.CheckOptions;
import dev.orderpipeline.checker.CheckWindow;
import dev.orderpipeline.checker.CheckerSources;
import dev.orderpipeline.checker.ConsumerKind;
import dev.orderpipeline.checker.ConsumerStore;
import org.postgresql.ds.PGSimpleDataSource;

/** The command line's options; the defaults point at the local run. */
record CheckerArguments(CheckerSources sources, CheckWindow window, CheckOptions options, boolean json,
		boolean requireSettled, boolean help) {

	static final String USAGE = """
			Usage: java -jar pipeline-checker-cli.jar [options]
			  --bootstrap-servers=HOST:PORT,...   Kafka (default 127.0.0.1:19092)
			  --topic=NAME                         the source topic (default order-events)
			  --orders-url=JDBC_URL                order-service's database (default jdbc:postgresql://127.0.0.1:15432/orders)
			  --notifications-url=, --analytics-url=, --search-url=
			                                       the consumers' databases (default: same server, databases
			                                       notifications, analytics, search)
			  --notification-group=, --analytics-group=, --search-group=
			                                       their consumer groups (default: the service names)
			  --db-user=NAME                       database user (default postgres); the password comes from
			                                       PIPELINE_CHECKER_DB_PASSWORD (default postgres)
			  --from=INSTANT --to=INSTANT          check the orders created in [from, to) (ISO-8601)
			  --last=DURATION                      or in the last DURATION (e.g. PT1H); default: everything
			  --list=N                             list at most N violations per invariant (default 100)
			  --json                               print the report as JSON
			  --require-settled                    exit 3 if anything is still in flight
			Exit code: 0 all invariants hold, 1 a violation, 2 bad arguments or a store unreadable.""";

	static CheckerArguments parse(String[] args, Map<String, String> environment) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("bootstrap-servers", "127.0.0.1:19092");
		values.put("topic", "order-events");
		values.put("orders-url", "jdbc:postgresql://127.0.0.1:15432/orders");
		values.put("notifications-url", "jdbc:postgresql://127.0.0.1:15432/notifications");
		values.put("analytics-url", "jdbc:postgresql://127.0.0.1:15432/analytics");
		values.put("search-url", "jdbc:postgresql://127.0.0.1:15432/search");
		values.put("notification-group", "notification-service");
		values.put("analytics-group", "analytics-service");
		values.put("search-group", "search-projection-service");
		values.put("db-user", "postgres");
		values.put("list", "100");
		List<String> flags = new ArrayList<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unknown argument " + arg + "\n" + USAGE);
			}
			int equals = arg.indexOf('=');
			if (equals < 0) {
				flags.add(arg.substring(2));
				continue;
			}
			String name = arg.substring(2, equals);
			if (!values.containsKey(name) && !List.of("from", "to", "last").contains(name)) {
				throw new IllegalArgumentException("Unknown option --" + name + "\n" + USAGE);
			}
			values.put(name, arg.substring(equals + 1));
		}
		for (String flag : flags) {
			if (!List.of("json", "require-settled", "help").contains(flag)) {
				throw new IllegalArgumentException("Unknown option --" + flag + "\n" + USAGE);
			}
		}
		String password = environment.getOrDefault("PIPELINE_CHECKER_DB_PASSWORD", "postgres");
		String user = values.get("db-user");
		List<ConsumerStore> consumers = List.of(
				new ConsumerStore(values.get("notification-group"), ConsumerKind.NOTIFICATION,
						dataSource(values.get("notifications-url"), user, password)),
				new ConsumerStore(values.get("analytics-group"), ConsumerKind.ANALYTICS,
						dataSource(values.get("analytics-url"), user, password)),
				new ConsumerStore(values.get("search-group"), ConsumerKind.SEARCH,
						dataSource(values.get("search-url"), user, password)));
		CheckerSources sources = new CheckerSources(dataSource(values.get("orders-url"), user, password),
				Map.of("bootstrap.servers", values.get("bootstrap-servers")), values.get("topic"), consumers);
		return new CheckerArguments(sources, window(values),
				CheckOptions.defaults().withListLimit(Integer.parseInt(values.get("list"))), flags.contains("json"),
				flags.contains("require-settled"), flags.contains("help"));
	}

	private static CheckWindow window(Map<String, String> values) {
		try {
			if (values.containsKey("last")) {
				return CheckWindow.last(Duration.parse(values.get("last")), Instant.now());
			}
			if (values.containsKey("from") || values.containsKey("to")) {
				Instant from = values.containsKey("from") ? Instant.parse(values.get("from")) : Instant.EPOCH;
				Instant to = values.containsKey("to") ? Instant.parse(values.get("to")) : Instant.now();
				return new CheckWindow(from, to);
			}
			return CheckWindow.all();
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Bad window: " + ex.getMessage() + "\n" + USAGE, ex);
		}
	}

	private static PGSimpleDataSource dataSource(String url, String user, String password) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(url);
		dataSource.setUser(user);
		dataSource.setPassword(password);
		return dataSource;
	}

}

package dev.orderpipeline.localrun;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.orderpipeline.infra.services.ServiceModules;

/**
 * Command-line options of the local run. Every port can be moved with
 * {@code --<name>-port=N}, which is what the message about a taken port suggests.
 */
record LocalRunOptions(Path workDirectory, Path repositoryRoot, boolean fresh, Map<String, Integer> ports,
		int controlPort, int kafkaBrokers, int instances, boolean checkOnly, Duration startupTimeout,
		ServiceModules modules, List<ServiceDefinition> services, Map<String, List<String>> serviceArguments) {

	/**
	 * Enough for five services on two busy cores; more services or slower machines raise
	 * it.
	 */
	static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(4);

	static final String POSTGRES = "postgres";

	static final String KAFKA = "kafka";

	static final String KAFKA_CONTROLLER = "kafka-controller";

	static final String SMTP = "smtp";

	static final String MAIL_UI = "mail-ui";

	/**
	 * The local identity provider: tokens for the demo users and the monitor's client.
	 */
	static final String AUTH = "auth";

	/** The default ports with the services of the repository this process runs in. */
	static Map<String, Integer> defaultPorts() {
		return defaultPorts(ServiceDefinition.discovered());
	}

	/**
	 * Every port the run listens on: the named ones and those of the further instances
	 * ({@link ServiceProcess#INSTANCE_PORT_STEP}).
	 */
	Map<String, Integer> allPorts() {
		Map<String, Integer> all = new LinkedHashMap<>(ports);
		for (ServiceDefinition service : instancedServices()) {
			for (int instance = 2; instance <= instances; instance++) {
				all.put(ServiceProcess.label(service.name(), instance),
						ports.get(service.name()) + ServiceProcess.INSTANCE_PORT_STEP * (instance - 1));
			}
		}
		return all;
	}

	/** The services {@code --instances} multiplies: all but the monitor. */
	List<ServiceDefinition> instancedServices() {
		return services.stream()
			.filter((service) -> !service.name().equals(ServiceDefinition.PIPELINE_MONITOR))
			.toList();
	}

	/** Each service's port is the {@code server.port} of its application.yml. */
	static Map<String, Integer> defaultPorts(List<ServiceDefinition> services) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put(POSTGRES, 15432);
		ports.put(KAFKA, 19092);
		ports.put(KAFKA_CONTROLLER, 19093);
		ports.put(SMTP, 3025);
		ports.put(MAIL_UI, 8025);
		ports.put(AUTH, 8070);
		for (ServiceDefinition service : services) {
			ports.put(service.name(), service.defaultPort());
		}
		return ports;
	}

	static LocalRunOptions parse(String[] args) {
		ServiceModules modules = ServiceModules.around(Path.of(""));
		Path root = modules.root();
		List<ServiceDefinition> services = ServiceDefinition.all(modules);
		Path work = null;
		boolean fresh = false;
		Map<String, Integer> ports = defaultPorts(services);
		int controlPort = 0;
		int kafkaBrokers = 1;
		int instances = 1;
		Map<String, List<String>> serviceArguments = new LinkedHashMap<>();
		boolean checkOnly = false;
		Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
		for (String arg : args) {
			if (arg.equals("--fresh")) {
				fresh = true;
			}
			else if (arg.equals("--check")) {
				checkOnly = true;
			}
			else if (arg.startsWith("--startup-timeout=")) {
				long seconds = Long.parseLong(arg.substring("--startup-timeout=".length()));
				if (seconds <= 0) {
					throw new IllegalArgumentException("--startup-timeout must be a positive number of seconds");
				}
				startupTimeout = Duration.ofSeconds(seconds);
			}
			else if (arg.equals("--no-build")) {
				// Handled by run-local.sh; accepted here so the script can pass all
				// arguments on.
			}
			else if (arg.startsWith("--data-dir=")) {
				work = Path.of(arg.substring("--data-dir=".length())).toAbsolutePath();
			}
			else if (arg.startsWith("--kafka-brokers=")) {
				kafkaBrokers = Integer.parseInt(arg.substring("--kafka-brokers=".length()));
				if (kafkaBrokers != 1 && kafkaBrokers != 3) {
					throw new IllegalArgumentException("--kafka-brokers is 1 or 3, not " + kafkaBrokers);
				}
			}
			else if (arg.startsWith("--instances=")) {
				instances = Integer.parseInt(arg.substring("--instances=".length()));
				if (instances < 1 || instances > 3) {
					throw new IllegalArgumentException("--instances is 1, 2 or 3, not " + instances);
				}
			}
			else if (arg.startsWith("--service-arg=")) {
				String value = arg.substring("--service-arg=".length());
				int colon = value.indexOf(':');
				String name = (colon > 0) ? value.substring(0, colon) : "";
				if (services.stream().noneMatch((service) -> service.name().equals(name))) {
					throw new IllegalArgumentException("--service-arg is <service>:<argument>, for one of "
							+ services.stream().map(ServiceDefinition::name).toList() + "; not " + value);
				}
				serviceArguments.computeIfAbsent(name, (n) -> new ArrayList<>()).add(value.substring(colon + 1));
			}
			else if (arg.startsWith("--control-port=")) {
				controlPort = Integer.parseInt(arg.substring("--control-port=".length()));
			}
			else if (arg.startsWith("--") && arg.contains("-port=")) {
				String name = arg.substring(2, arg.indexOf("-port="));
				if (!ports.containsKey(name)) {
					throw new IllegalArgumentException("Unknown port name '" + name + "'; known: " + ports.keySet());
				}
				ports.put(name, Integer.parseInt(arg.substring(arg.indexOf('=') + 1)));
			}
			else if (arg.equals("--help") || arg.equals("-h")) {
				throw new IllegalArgumentException(usage(services));
			}
			else {
				throw new IllegalArgumentException("Unknown option " + arg + "\n" + usage(services));
			}
		}
		return new LocalRunOptions(work != null ? work : root.resolve(".local-run"), root, fresh, ports, controlPort,
				kafkaBrokers, instances, checkOnly, startupTimeout, modules, services, serviceArguments);
	}

	static String usage(List<ServiceDefinition> services) {
		StringBuilder text = new StringBuilder("""
				Usage: ./run-local.sh [--fresh] [--no-build] [--data-dir=DIR] [--<name>-port=N ...]
				  --fresh        delete the local data (PostgreSQL, Kafka, logs) and start from empty
				  --no-build     skip the Maven build and use the jars already built
				  --data-dir=DIR where data and logs live (default: .local-run)
				  --kafka-brokers=3  a three-node KRaft cluster instead of one broker (node i on the
				                 kafka and kafka-controller ports + 2(i-1)); order-events then has
				                 replication factor 3 and min.insync.replicas=2. Use with --fresh
				                 when switching: the data of one layout does not fit the other
				  --instances=N  (fault suite) run N instances (1-3) of order-service and of every consumer
				                 service; instance i listens on its port + 100(i-1), reaches PostgreSQL
				                 through a proxy the control endpoint can make drop packets (i > 1)
				  --service-arg=<service>:<argument>  one more command-line argument for every instance
				                 of a service, e.g. notification-service:--notifications.lease=90s
				  --check        only check that no local run holds the data directory and every port
				                 is free (run-local.sh does this before it builds), then exit
				  --startup-timeout=SECONDS  how long every service may take to be UP (default 240)
				  --control-port=N  (benchmarks, fault suite) POST /kafka/stop|start,
				                 /services/<name>/stop|start, and per instance and node
				                 /services/<name>/<i>/<action>, /kafka/<node>/<action> (action: stop,
				                 start, kill, freeze, thaw), /postgres/stop|start, /network/drop|heal,
				                 GET /processes; on 127.0.0.1:N; off unless given
				Ports (default; a service's is the server.port of its application.yml):
				""");
		defaultPorts(services)
			.forEach((name, port) -> text.append("  --").append(name).append("-port=").append(port).append('\n'));
		return text.toString();
	}

}

package dev.orderpipeline.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.orderpipeline.infra.LocalInfrastructure;
import dev.orderpipeline.infra.Ports;
import dev.orderpipeline.infra.PostgresServer;
import dev.orderpipeline.infra.auth.LocalIdentityProvider;
import dev.orderpipeline.infra.auth.MachineClient;
import dev.orderpipeline.infra.faults.Signals;
import dev.orderpipeline.infra.faults.TcpProxy;

/**
 * The local run: PostgreSQL, a Kafka broker, a local identity provider and the services
 * on this machine, with real data that survives restarts. Ctrl-C or SIGTERM stops
 * everything it started.
 */
public final class LocalRun {

	private final LocalRunOptions options;

	private final List<ServiceProcess> services = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile LocalInfrastructure infrastructure;

	private volatile LocalMailServer mail;

	private volatile LocalIdentityProvider identityProvider;

	/** The monitor's client credentials, with a secret made new on every start. */
	private final MachineClient monitorClient = new MachineClient(ServiceDefinition.PIPELINE_MONITOR, randomSecret(),
			List.of("monitoring"));

	private volatile boolean stopping;

	private volatile LocalControl control;

	private volatile RunLock runLock;

	/**
	 * Between the further instances ({@code --instances}) and PostgreSQL, so the control
	 * endpoint can make their connections drop packets silently; null with one instance.
	 */
	private volatile TcpProxy postgresProxy;

	private LocalRun(LocalRunOptions options) {
		this.options = options;
	}

	public static void main(String[] args) {
		LocalRunOptions options;
		try {
			options = LocalRunOptions.parse(args);
		}
		// IllegalStateException: a module breaks the convention the services are found
		// by.
		catch (IllegalArgumentException | IllegalStateException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		int exitCode = new LocalRun(options).run();
		if (exitCode != 0) {
			System.exit(exitCode);
		}
	}

	private int run() {
		Instant started = Instant.now();
		int refused = preflight();
		if (refused != 0 || options.checkOnly()) {
			releaseRunLock();
			return refused;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(this::stopEverything, "local-run-shutdown"));
		try {
			prepareWorkDirectory();
			infrastructure = LocalInfrastructure.start(infrastructureSettings(options), LocalRun::say);
			mail = LocalMailServer.start(options.ports().get(LocalRunOptions.SMTP),
					options.ports().get(LocalRunOptions.MAIL_UI));
			say("SMTP (GreenMail) is up on port " + options.ports().get(LocalRunOptions.SMTP));
			identityProvider = LocalIdentityProvider.start(options.ports().get(LocalRunOptions.AUTH));
			identityProvider.registerClient(monitorClient);
			say("Identity provider is up: " + identityProvider.issuer() + " (a new signing key on every start)");
			if (options.instances() > 1) {
				postgresProxy = TcpProxy.to(infrastructure.postgres().port());
				say("Instances 2.." + options.instances() + " reach PostgreSQL through a proxy on port "
						+ postgresProxy.port());
			}
			if (!startServices() || !awaitServicesUp()) {
				return 1;
			}
			printSummary(Duration.between(started, Instant.now()));
			if (options.controlPort() > 0) {
				control = LocalControl.start(options.controlPort(),
						new StackControl(infrastructure, services, postgresProxy, this::startService,
								options.ports().get(LocalRunOptions.MAIL_UI), identityProvider.port()));
				say("Control endpoint (benchmarks) on http://127.0.0.1:" + options.controlPort());
			}
			watchServices();
			return 0;
		}
		catch (Exception ex) {
			System.err.println("Local run failed: " + ex.getMessage());
			return 1;
		}
	}

	/**
	 * What would stop a start, checked before anything is built or started: run-local.sh
	 * calls this ({@code --check}) before its build, because a build under a running
	 * stack replaces the classes of its services.
	 * @return 0 when a start can go ahead (the run lock is then held), otherwise the exit
	 * code
	 */
	private int preflight() {
		try {
			runLock = RunLock.tryAcquire(options.workDirectory()).orElse(null);
			if (runLock == null) {
				System.err.println("A local run (pid " + RunLock.holder(options.workDirectory())
						+ ") is already running on " + options.workDirectory()
						+ ". Stop it first (Ctrl-C in its terminal), or run a second one with --data-dir=DIR"
						+ " and other ports (./run-local.sh --help).");
				return 2;
			}
			// Only with the lock held: a server on our data directory now belongs to a
			// run
			// that died, and holds our own port.
			StalePostgres.stopIfRunning(options.workDirectory().resolve("postgres"), LocalRun::say);
		}
		catch (IOException ex) {
			System.err.println("Could not check for a local run already running on " + options.workDirectory() + ": "
					+ ex.getMessage());
			return 1;
		}
		List<String> taken = takenPorts();
		if (!taken.isEmpty()) {
			taken.forEach(System.err::println);
			return 2;
		}
		return 0;
	}

	private void releaseRunLock() {
		RunLock lock = runLock;
		runLock = null;
		if (lock != null) {
			try {
				lock.close();
			}
			catch (IOException ex) {
				// The kernel releases it when this process exits anyway.
			}
		}
	}

	private List<String> takenPorts() {
		List<String> problems = new ArrayList<>();
		options.allPorts().forEach((name, port) -> {
			if (!Ports.isFree(port)) {
				problems.add("Port " + port + " (" + name
						+ ") is already in use. Stop whatever listens there (see: ss -ltnp 'sport = :" + port
						+ "') or choose another port with --" + name + "-port=<free port>.");
			}
		});
		return problems;
	}

	private void prepareWorkDirectory() throws IOException {
		if (options.fresh()) {
			say("--fresh: deleting " + options.workDirectory());
			deleteRecursively(options.workDirectory());
		}
		Files.createDirectories(options.workDirectory().resolve("logs"));
	}

	/**
	 * The local run keeps its data across restarts, so its commits are durable: a power
	 * cut must not corrupt it, and the benchmark's figures pay for a real commit.
	 */
	static LocalInfrastructure.Settings infrastructureSettings(LocalRunOptions options) {
		Map<String, Integer> ports = options.ports();
		return new LocalInfrastructure.Settings(options.workDirectory(), true, PostgresServer.Durability.DURABLE,
				ports.get(LocalRunOptions.POSTGRES), ports.get(LocalRunOptions.KAFKA),
				ports.get(LocalRunOptions.KAFKA_CONTROLLER), databases(options.services()), options.kafkaBrokers());
	}

	/** Each service's own database, as its application.yml names it. */
	static List<String> databases(List<ServiceDefinition> services) {
		return services.stream()
			.map(ServiceDefinition::database)
			.filter(java.util.Objects::nonNull)
			.distinct()
			.toList();
	}

	/**
	 * order-service first, and the others once it is UP: it is the only service that
	 * declares {@code order-events}, so a consumer started with it could find the topic
	 * missing, or see fewer partitions than it will have and not read the rest until its
	 * next metadata refresh, minutes later.
	 */
	private boolean startServices() throws IOException, InterruptedException {
		List<ServiceDefinition> all = options.services();
		for (int instance = 1; instance <= instancesOf(all.get(0)); instance++) {
			services.add(startService(all.get(0), instance));
		}
		if (!awaitServicesUp()) {
			return false;
		}
		for (ServiceDefinition definition : all.subList(1, all.size())) {
			for (int instance = 1; instance <= instancesOf(definition); instance++) {
				services.add(startService(definition, instance));
			}
		}
		return true;
	}

	private int instancesOf(ServiceDefinition definition) {
		return options.instancedServices().contains(definition) ? options.instances() : 1;
	}

	private ServiceProcess startService(ServiceDefinition definition, int instance) throws IOException {
		int port = options.ports().get(definition.name()) + ServiceProcess.INSTANCE_PORT_STEP * (instance - 1);
		List<String> infrastructureArguments = new ArrayList<>(
				List.of("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaCluster().bootstrapServers()));
		infrastructureArguments.addAll(ClusterArguments.of(infrastructure.kafkaCluster()));
		if (definition.database() != null) {
			String url = (instance == 1 || postgresProxy == null)
					? infrastructure.postgres().jdbcUrl(definition.database())
					: "jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + "/" + definition.database();
			infrastructureArguments
				.addAll(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresServer.USER,
						"--spring.datasource.password=" + PostgresServer.PASSWORD));
		}
		// Every service trusts the local identity provider's tokens, and only those.
		identityProvider.resourceServerProperties()
			.forEach((name, value) -> infrastructureArguments.add("--" + name + "=" + value));
		Map<String, String> secrets = new LinkedHashMap<>();
		if (definition.name().equals(ServiceDefinition.PIPELINE_MONITOR)) {
			String prefix = "--pipeline.monitor.scrape-auth.";
			infrastructureArguments.addAll(List.of(prefix + "client-id=" + monitorClient.clientId(),
					prefix + "token-uri=" + identityProvider.tokenUri()));
			// pipeline.monitor.scrape-auth.client-secret
			secrets.put("PIPELINE_MONITOR_SCRAPEAUTH_CLIENTSECRET", monitorClient.clientSecret());
			infrastructureArguments.addAll(ReconciliationArguments.of(infrastructure.postgres(), options.modules()));
		}
		infrastructureArguments.addAll(options.serviceArguments().getOrDefault(definition.name(), List.of()));
		String label = ServiceProcess.label(definition.name(), instance);
		say("Starting " + label + " on port " + port + " (log: "
				+ options.workDirectory().relativize(options.workDirectory().resolve("logs")) + "/" + label
				+ ".log) ...");
		return ServiceProcess.start(definition, instance, options.ports(), options.repositoryRoot(),
				options.workDirectory().resolve("logs"), infrastructureArguments, secrets);
	}

	private boolean awaitServicesUp() throws InterruptedException {
		Instant deadline = Instant.now().plus(options.startupTimeout());
		Map<String, String> lastReported = new LinkedHashMap<>();
		while (Instant.now().isBefore(deadline) && !stopping) {
			Map<String, String> states = new LinkedHashMap<>();
			for (ServiceProcess service : services) {
				if (!service.isAlive()) {
					System.err.println(service.label() + " exited with code " + service.exitCode()
							+ " while starting. Last lines of " + service.logFile() + ":\n" + service.tailOfLog(40));
					return false;
				}
				states.put(service.label(), service.health());
			}
			if (!states.equals(lastReported)) {
				say("Health: " + states);
				lastReported = states;
			}
			if (states.values().stream().allMatch("UP"::equals)) {
				return true;
			}
			Thread.sleep(500);
		}
		if (!stopping) {
			System.err.println("Not every service was UP within " + options.startupTimeout().toSeconds() + " s: "
					+ lastReported + ". Logs are in " + options.workDirectory().resolve("logs")
					+ "; on a busy machine allow more with --startup-timeout=SECONDS.");
		}
		return false;
	}

	private void printSummary(Duration startup) {
		StringBuilder text = new StringBuilder();
		text.append("\nOrder pipeline is UP (")
			.append(String.format("%.1f", startup.toMillis() / 1000.0))
			.append(" s)\n\n");
		for (ServiceProcess service : services) {
			text.append(String.format("  %-26s %s%n", service.label(), service.baseUrl()));
			for (String link : service.definition().links()) {
				text.append(String.format("  %-26s %s%s%n", "", service.baseUrl(), link.replace("/ (", "/   (")));
			}
			text.append(String.format("  %-26s %s/actuator/health   %s/actuator/prometheus (ops or monitoring token)%n",
					"", service.baseUrl(), service.baseUrl()));
		}
		text.append(String.format("%n  %-26s %s  (user %s)%n", "PostgreSQL",
				infrastructure.postgres().jdbcUrl("{" + String.join(",", databases(options.services())) + "}"),
				PostgresServer.USER));
		text.append(String.format("  %-26s %s%n", "Kafka", infrastructure.kafkaCluster().bootstrapServers()));
		text.append(
				String.format("  %-26s smtp://127.0.0.1:%d   received mail: http://localhost:%d%n", "SMTP (GreenMail)",
						options.ports().get(LocalRunOptions.SMTP), options.ports().get(LocalRunOptions.MAIL_UI)));
		text.append(String.format("  %-26s %s%n", "Data and logs", options.workDirectory()));
		text.append(accessTokens());
		text.append("\nPress Ctrl-C to stop everything.\n");
		System.out.println(text);
	}

	/** Where the tokens are, and a request that uses one. */
	private String accessTokens() {
		String auth = "http://localhost:" + identityProvider.port();
		String orders = "http://localhost:" + options.ports().get("order-service");
		return String.format(
				"""

						  %-26s %s   (JWK set %s)
						  Every API call needs an access token. Tokens (valid 12 h) for the demo users customer,
						  customer2, otherTenantCustomer, admin, catalogAdmin and ops:  curl -s %s/dev/tokens
						  Any other:  curl -s -H 'Accept: text/plain' '%s/dev/token?sub=customer-1&tenant=acme&roles=customer'
						  For example, customer-ana of tenant acme places an order:

						    TOKEN=$(curl -s -H 'Accept: text/plain' '%s/dev/token?sub=customer-ana&tenant=acme&roles=customer&email=ana@example.com')
						    curl -si %s/orders -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
						      -H "Idempotency-Key: $(date +%%s%%N)" -d '{"currency":"EUR","items":[{"sku":"SKU-1","quantity":2}]}'
						""",
				"Identity provider", identityProvider.issuer(), identityProvider.jwkSetUri(), auth, auth, auth, orders);
	}

	private static String randomSecret() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Reports a service that dies after startup instead of letting it vanish silently.
	 */
	private void watchServices() throws InterruptedException {
		List<ServiceProcess> reported = new ArrayList<>();
		while (!stopped.await(Duration.ofSeconds(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
			for (ServiceProcess service : services) {
				if (!service.isAlive() && !reported.contains(service) && !stopping) {
					reported.add(service);
					System.err.println(
							service.label() + " exited with code " + service.exitCode() + "; see " + service.logFile());
				}
			}
		}
	}

	private void stopEverything() {
		stopping = true;
		say("Stopping ...");
		LocalControl runningControl = control;
		if (runningControl != null) {
			runningControl.close();
		}
		// A frozen service would ignore its SIGTERM until the 30 s below run out.
		services.stream().filter(ServiceProcess::isAlive).forEach((service) -> {
			try {
				Signals.thaw(service.pid());
			}
			catch (IllegalStateException ex) {
				// gone in between
			}
		});
		services.forEach(ServiceProcess::requestStop);
		for (ServiceProcess service : services) {
			service.awaitExit(Duration.ofSeconds(30));
			say("Stopped " + service.label());
		}
		LocalIdentityProvider runningIdentityProvider = identityProvider;
		if (runningIdentityProvider != null) {
			runningIdentityProvider.close();
		}
		LocalMailServer runningMail = mail;
		if (runningMail != null) {
			runningMail.close();
		}
		TcpProxy proxy = postgresProxy;
		if (proxy != null) {
			proxy.close();
		}
		LocalInfrastructure running = infrastructure;
		if (running != null) {
			running.kafkaCluster().nodes().forEach((broker) -> broker.pid().ifPresent(Signals::thaw));
			running.close();
			say("Stopped Kafka and PostgreSQL");
		}
		releaseRunLock();
		stopped.countDown();
	}

	static void say(String message) {
		System.out.println("[local-run] " + message);
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		Path lockFile = directory.resolve("local-run.lock");
		try (var paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				// The lock we hold stays: deleted, a second run could lock a new file.
				if (!path.equals(lockFile) && !path.equals(directory)) {
					Files.delete(path);
				}
			}
		}
	}

}

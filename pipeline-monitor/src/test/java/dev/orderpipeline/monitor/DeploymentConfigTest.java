package dev.orderpipeline.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.orderpipeline.infra.services.ServiceModule;
import dev.orderpipeline.infra.services.ServiceModules;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files fit together: every consumer module (found by convention, as the
 * local run finds it) is a compose service on the consumer anchor that Prometheus
 * discovers by its label, the dashboard and the alerts go by consumer group, Grafana
 * finds its dashboards where compose mounts them, the dashboard uses the provisioned
 * datasource, and Keycloak's realm, the services' token validation and the scrapers'
 * client credentials agree with each other. docker-compose cannot run here; this is what
 * can be checked without it.
 */
class DeploymentConfigTest {

	private static final Path ROOT = Path.of("..");

	/** The consumer modules, found as the local run finds them. */
	private static final ServiceModules MODULES = ServiceModules.in(ROOT);

	private static final String SCRAPE_LABEL = "order-pipeline.scrape";

	private static final String SCRAPE_VALUE = "true";

	private static final String COMPOSE_SERVICE_LABEL = "__meta_docker_container_label_com_docker_compose_service";

	private static final String REALM_FILE = "deploy/keycloak/order-pipeline-realm.json";

	private static final String TOKEN_URL = "http://keycloak:8080/realms/order-pipeline/protocol/openid-connect/token";

	@Test
	void prometheusScrapesEveryLabelledComposeServiceThroughDockerDiscoveryWithoutAJobPerService() throws IOException {
		Map<String, Object> compose = yaml("docker-compose.yml");
		Map<String, Object> services = map(compose.get("services"));
		Map<String, Object> jobs = new TreeMap<>();
		for (Object job : list(yaml("deploy/prometheus/prometheus.yml").get("scrape_configs"))) {
			jobs.put((String) map(job).get("job_name"), job);
		}

		Map<String, Object> servicesJob = map(jobs.get("services"));
		Map<String, Object> discovery = map(list(servicesJob.get("docker_sd_configs")).get(0));
		assertThat(list(discovery.get("filters")))
			.containsExactly(Map.of("name", "label", "values", List.of(SCRAPE_LABEL + "=" + SCRAPE_VALUE)));
		assertThat(list(servicesJob.get("relabel_configs"))).contains(
				Map.of("source_labels", List.of(COMPOSE_SERVICE_LABEL), "regex", "(.+)", "target_label", "job"),
				Map.of("source_labels", List.of(COMPOSE_SERVICE_LABEL), "regex", "(.+)", "target_label", "__address__",
						"replacement", "$1:8080"));
		assertThat(list(map(services.get("prometheus")).get("volumes")))
			.contains("./deploy/prometheus:/etc/prometheus:ro", "/var/run/docker.sock:/var/run/docker.sock:ro");
		assertThat(jobs).as("scrape jobs: none per service")
			.containsOnlyKeys("services", "pipeline-monitor", "prometheus");
		assertThat(labels(services.get("order-service"))).containsEntry(SCRAPE_LABEL, SCRAPE_VALUE);
		// The monitor has its own, faster job; scraped once.
		assertThat(labels(services.get("pipeline-monitor"))).doesNotContainEntry(SCRAPE_LABEL, SCRAPE_VALUE);
		assertThat(list(map(list(map(jobs.get("pipeline-monitor")).get("static_configs")).get(0)).get("targets")))
			.containsExactly("pipeline-monitor:8080");
	}

	/**
	 * The convention (README "How consumers are found"): every module of the root pom
	 * that depends on consumer-runtime is a compose service of its own name on the
	 * {@code x-consumer} anchor, with its port, its database (created on demand), and so
	 * Prometheus's label.
	 */
	@Test
	void everyConsumerModuleIsAComposeServiceOnTheConsumerAnchor() throws IOException {
		List<ServiceModule> consumers = MODULES.consumers();
		assertThat(consumers).extracting(ServiceModule::name)
			.contains("notification-service", "analytics-service", "search-projection-service");
		for (ServiceModule consumer : consumers) {
			assertThat(composeProblems(consumer)).as("docker-compose.yml for consumer module %s", consumer.name())
				.isEmpty();
		}
	}

	@Test
	void aConsumerModuleWithoutItsComposeBlockFailsTheCheck() throws IOException {
		// A name no checkout uses: templates/self-test.sh runs this test with a generated
		// points-service that does have its block.
		ServiceModule unlisted = new ServiceModule("unlisted-service", 8099, "unlisted",
				ROOT.resolve("unlisted-service"), Map.of());

		assertThat(composeProblems(unlisted))
			.anySatisfy((problem) -> assertThat(problem).contains("no compose service unlisted-service"));
	}

	@Test
	void dashboardAlertsAndScrapeConfigGoByConsumerGroupNotByService() throws IOException {
		String alerts = Files.readString(ROOT.resolve("deploy/prometheus/alerts.yml"));
		String dashboard = Files.readString(ROOT.resolve("deploy/grafana/dashboards/order-pipeline.json"));
		String prometheus = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
		String monitor = Files.readString(ROOT.resolve("pipeline-monitor/src/main/resources/application.yml"));
		for (ServiceModule consumer : MODULES.consumers()) {
			assertThat(alerts).as("alerts.yml").doesNotContain(consumer.name());
			assertThat(dashboard).as("the dashboard").doesNotContain(consumer.name());
			assertThat(prometheus).as("prometheus.yml").doesNotContain(consumer.name());
			assertThat(monitor).as("the monitor's application.yml").doesNotContain(consumer.name());
		}
		JsonNode variable = JsonMapper.builder().build().readTree(dashboard).get("templating").get("list").get(0);
		assertThat(variable.get("name").asString()).isEqualTo("group");
		assertThat(variable.get("definition").asString()).startsWith("label_values(").endsWith(", group)");
		assertThat(variable.get("includeAll").asBoolean()).isTrue();
		Map<String, Object> monitorEnv = map(
				map(map(yaml("docker-compose.yml").get("services")).get("pipeline-monitor")).get("environment"));
		assertThat(monitorEnv).containsEntry("PIPELINE_MONITOR_SERVICE_URL_TEMPLATE", "http://{group}:8080");
	}

	/**
	 * What keeps {@code consumer} from being deployed by docker-compose like the others.
	 */
	private static List<String> composeProblems(ServiceModule consumer) throws IOException {
		String text = Files.readString(ROOT.resolve("docker-compose.yml"));
		Map<String, Object> compose = yaml("docker-compose.yml");
		Map<String, Object> anchor = map(compose.get("x-consumer"));
		Object definition = map(compose.get("services")).get(consumer.name());
		List<String> problems = new ArrayList<>();
		if (definition == null) {
			problems.add("no compose service " + consumer.name() + " (a block on <<: *consumer, see x-consumer)");
			return problems;
		}
		Map<String, Object> service = map(definition);
		if (!Pattern.compile("\\n  " + Pattern.quote(consumer.name()) + ":\\n    <<: \\*consumer\\n")
			.matcher(text)
			.find()) {
			problems.add(consumer.name() + " does not start with <<: *consumer");
		}
		anchor.forEach((key, value) -> {
			if (!key.equals("build") && !value.equals(service.get(key))) {
				problems.add(consumer.name() + " overrides the anchor's " + key + ": " + service.get(key));
			}
		});
		if (!SCRAPE_VALUE.equals(labels(service).get(SCRAPE_LABEL))) {
			problems.add(consumer.name() + " lacks the label " + SCRAPE_LABEL + "=" + SCRAPE_VALUE);
		}
		Object build = service.get("build");
		if (!(build instanceof Map<?, ?> buildMap) || !(buildMap.get("args") instanceof Map<?, ?> args)
				|| !consumer.name().equals(args.get("SERVICE"))) {
			problems.add(consumer.name() + " is not built with SERVICE: " + consumer.name());
		}
		Object env = service.get("environment");
		String url = (env instanceof Map<?, ?> envMap) ? String.valueOf(envMap.get("SPRING_DATASOURCE_URL")) : null;
		if (url == null || !url.equals("jdbc:postgresql://postgres:5432/" + consumer.database())) {
			problems.add(
					consumer.name() + " SPRING_DATASOURCE_URL is " + url + ", not its database " + consumer.database());
		}
		if (!list(service.get("ports")).contains(consumer.port() + ":8080")) {
			problems.add(consumer.name() + " does not publish its server.port " + consumer.port() + " (\""
					+ consumer.port() + ":8080\")");
		}
		// Its database is created on demand (service-support's
		// DatabaseOnDemandAutoConfiguration), not listed in an init script.
		Object create = (env instanceof Map<?, ?> envMap) ? envMap.get("PIPELINE_DATABASE_CREATE_IF_MISSING") : null;
		if (!"true".equals(create)) {
			problems.add(consumer.name() + " does not create its database on demand"
					+ " (PIPELINE_DATABASE_CREATE_IF_MISSING: \"true\", from x-service-env)");
		}
		return problems;
	}

	private static Map<String, Object> labels(Object service) {
		Object labels = map(service).get("labels");
		return (labels != null) ? map(labels) : Map.of();
	}

	@Test
	void consumerServicesYieldTheCpuToTheRequestPath() throws IOException {
		Map<String, Object> services = map(yaml("docker-compose.yml").get("services"));
		Map<String, Object> orderService = map(services.get("order-service"));
		assertThat(orderService).doesNotContainKeys("cpu_shares", "cpus");
		List<String> consumers = new ArrayList<>();
		for (ServiceModule consumer : MODULES.consumers()) {
			Map<String, Object> service = map(services.get(consumer.name()));
			consumers.add(consumer.name());
			assertThat(((Number) service.get("cpu_shares")).intValue()).as("%s cpu_shares", consumer.name())
				.isLessThan(1024);
			assertThat(((Number) service.get("cpus")).doubleValue()).as("%s cpus", consumer.name())
				.isLessThanOrEqualTo(1.0);
		}
		assertThat(consumers).contains("notification-service", "analytics-service", "search-projection-service");
	}

	@Test
	void grafanaLoadsTheDashboardFromWhereComposeMountsItWithTheProvisionedDatasource() throws IOException {
		Map<String, Object> grafana = map(map(yaml("docker-compose.yml").get("services")).get("grafana"));
		Map<String, Object> provider = map(
				list(yaml("deploy/grafana/provisioning/dashboards/order-pipeline.yml").get("providers")).get(0));
		Map<String, Object> datasource = map(
				list(yaml("deploy/grafana/provisioning/datasources/prometheus.yml").get("datasources")).get(0));
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(ROOT.resolve("deploy/grafana/dashboards/order-pipeline.json")));

		assertThat(list(grafana.get("volumes")))
			.contains("./deploy/grafana/dashboards:" + map(provider.get("options")).get("path") + ":ro")
			.contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
		assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
		assertThat(dashboard.get("title").asString()).isEqualTo("Order pipeline");
		Set<String> datasourceUids = new TreeSet<>();
		dashboard.get("panels").forEach((panel) -> {
			if (panel.has("datasource")) {
				datasourceUids.add(panel.get("datasource").get("uid").asString());
			}
			if (panel.has("targets")) {
				panel.get("targets").forEach((t) -> datasourceUids.add(t.get("datasource").get("uid").asString()));
			}
		});
		assertThat(datasourceUids).containsExactly((String) datasource.get("uid"));
	}

	@Test
	void everyServiceValidatesTheIssuerAndAudienceKeycloakPutsInItsTokens() throws IOException {
		Map<String, Object> services = map(yaml("docker-compose.yml").get("services"));
		JsonNode realm = realm();
		Map<String, Object> keycloak = map(services.get("keycloak"));
		String realmName = realm.get("realm").asString();
		String issuer = map(keycloak.get("environment")).get("KC_HOSTNAME") + "/realms/" + realmName;
		Set<String> audiences = new TreeSet<>();
		realm.get("clients").forEach((client) -> client.get("protocolMappers").forEach((mapper) -> {
			if (mapper.get("config").has("included.custom.audience")) {
				audiences.add(mapper.get("config").get("included.custom.audience").asString());
			}
		}));

		assertThat(list(keycloak.get("volumes"))).contains("./deploy/keycloak:/opt/keycloak/data/import:ro");
		assertThat(list(keycloak.get("command"))).contains("--import-realm");
		assertThat(audiences).containsExactly("order-pipeline");
		List<String> checked = new ArrayList<>();
		services.forEach((name, definition) -> {
			Map<String, Object> service = map(definition);
			if (!service.containsKey("build")) {
				return;
			}
			Map<String, Object> env = map(service.get("environment"));
			assertThat(env).as("%s's resource server settings", name)
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer)
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
						"http://keycloak:8080/realms/" + realmName + "/protocol/openid-connect/certs")
				.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES", "order-pipeline");
			assertThat(map(service.get("depends_on"))).as("%s starts after Keycloak is healthy", name)
				.containsEntry("keycloak", Map.of("condition", "service_healthy"));
			checked.add(name);
		});
		assertThat(checked).contains("order-service", "pipeline-monitor")
			.containsAll(MODULES.consumers().stream().map(ServiceModule::name).toList());
	}

	@Test
	void theRealmHoldsTheRolesDemoUsersAndClaimsTheServicesRead() throws IOException {
		JsonNode realm = realm();
		Set<String> roles = new TreeSet<>();
		realm.get("roles").get("realm").forEach((role) -> roles.add(role.get("name").asString()));
		Map<String, Set<String>> tenantsByRole = new TreeMap<>();
		realm.get("users").forEach((user) -> {
			if (user.has("serviceAccountClientId")) {
				return;
			}
			assertThat(user.get("enabled").asBoolean()).isTrue();
			assertThat(user.get("credentials").get(0).get("value").asString()).isNotBlank();
			// A platform role (catalog-admin) belongs to no tenant.
			JsonNode attributes = user.get("attributes");
			String tenant = (attributes != null) ? attributes.get("tenant_id").get(0).asString() : "(none)";
			user.get("realmRoles")
				.forEach((role) -> tenantsByRole.computeIfAbsent(role.asString(), (r) -> new TreeSet<>()).add(tenant));
		});

		assertThat(roles).containsExactlyInAnyOrder("customer", "admin", "catalog-admin", "ops", "monitoring");
		assertThat(tenantsByRole.keySet()).as("roles with a demo user").isEqualTo(roles);
		assertThat(tenantsByRole.get("customer")).containsExactlyInAnyOrder("acme", "globex");
		for (JsonNode client : realm.get("clients")) {
			Map<String, String> claims = new TreeMap<>();
			client.get("protocolMappers").forEach((mapper) -> {
				JsonNode config = mapper.get("config");
				assertThat(config.get("access.token.claim").asString()).isEqualTo("true");
				claims.put(config.has("claim.name") ? config.get("claim.name").asString() : "aud",
						mapper.get("protocolMapper").asString());
			});
			assertThat(claims).as("claims of client %s", client.get("clientId").asString())
				.containsEntry("roles", "oidc-usermodel-realm-role-mapper")
				.containsEntry("tenant_id", "oidc-usermodel-attribute-mapper")
				.containsEntry("email", "oidc-usermodel-property-mapper")
				.containsEntry("aud", "oidc-audience-mapper");
		}
		JsonNode app = client(realm, "order-pipeline-app");
		assertThat(app.get("publicClient").asBoolean()).isTrue();
		assertThat(app.get("directAccessGrantsEnabled").asBoolean()).isTrue();
		// Keycloak 24+ leaves undeclared ("unmanaged") attributes out of tokens;
		// declared,
		// and only an admin may change a user's tenant.
		String profile = realm.get("components")
			.get("org.keycloak.userprofile.UserProfileProvider")
			.get(0)
			.get("config")
			.get("kc.user.profile.config")
			.get(0)
			.asString();
		JsonNode tenantAttribute = null;
		for (JsonNode attribute : JsonMapper.builder().build().readTree(profile).get("attributes")) {
			if (attribute.get("name").asString().equals("tenant_id")) {
				tenantAttribute = attribute;
			}
		}
		assertThat(tenantAttribute).as("tenant_id in the user profile").isNotNull();
		assertThat(tenantAttribute.get("permissions").get("edit").toString()).isEqualTo("[\"admin\"]");
	}

	@Test
	void scrapersUseTheirOwnConfidentialClientsWhoseServiceAccountsHoldOnlyMonitoring() throws IOException {
		JsonNode realm = realm();
		for (String clientId : List.of("prometheus", "pipeline-monitor")) {
			JsonNode client = client(realm, clientId);
			assertThat(client.get("publicClient").asBoolean()).isFalse();
			assertThat(client.get("serviceAccountsEnabled").asBoolean()).isTrue();
			assertThat(client.get("directAccessGrantsEnabled").asBoolean()).isFalse();
			assertThat(client.get("standardFlowEnabled").asBoolean()).isFalse();
			assertThat(client.get("fullScopeAllowed").asBoolean()).isFalse();
			JsonNode account = null;
			for (JsonNode user : realm.get("users")) {
				if (user.has("serviceAccountClientId")
						&& clientId.equals(user.get("serviceAccountClientId").asString())) {
					account = user;
				}
			}
			assertThat(account).as("service account of %s", clientId).isNotNull();
			assertThat(account.get("realmRoles").toString()).isEqualTo("[\"monitoring\"]");
			List<String> scope = new ArrayList<>();
			realm.get("scopeMappings").forEach((mapping) -> {
				if (mapping.get("client").asString().equals(clientId)) {
					mapping.get("roles").forEach((role) -> scope.add(role.asString()));
				}
			});
			assertThat(scope).as("roles %s's tokens may carry", clientId).containsExactly("monitoring");
		}

		for (Object job : list(yaml("deploy/prometheus/prometheus.yml").get("scrape_configs"))) {
			Map<String, Object> config = map(job);
			if (config.get("job_name").equals("prometheus")) {
				continue;
			}
			assertThat(map(config.get("oauth2"))).as("oauth2 of job %s", config.get("job_name"))
				.containsEntry("client_id", "prometheus")
				.containsEntry("client_secret", client(realm, "prometheus").get("secret").asString())
				.containsEntry("token_url", TOKEN_URL);
		}

		Map<String, Object> monitorEnv = map(
				map(map(yaml("docker-compose.yml").get("services")).get("pipeline-monitor")).get("environment"));
		assertThat(monitorEnv).containsEntry("PIPELINE_MONITOR_SCRAPE_AUTH_CLIENT_ID", "pipeline-monitor")
			.containsEntry("PIPELINE_MONITOR_SCRAPE_AUTH_TOKEN_URI", TOKEN_URL);
		assertThat(composeDefault((String) monitorEnv.get("PIPELINE_MONITOR_SCRAPE_AUTH_CLIENT_SECRET")))
			.isEqualTo(client(realm, "pipeline-monitor").get("secret").asString());
	}

	private static JsonNode realm() throws IOException {
		return JsonMapper.builder().build().readTree(Files.readString(ROOT.resolve(REALM_FILE)));
	}

	private static JsonNode client(JsonNode realm, String clientId) {
		for (JsonNode client : realm.get("clients")) {
			if (client.get("clientId").asString().equals(clientId)) {
				return client;
			}
		}
		throw new AssertionError("no client " + clientId + " in " + REALM_FILE);
	}

	/** The default of a {@code ${VAR:-default}} compose value, or the value itself. */
	private static String composeDefault(String value) {
		return value.matches("\\$\\{[A-Z_]+:-.*}") ? value.substring(value.indexOf(":-") + 2, value.length() - 1)
				: value;
	}

	private static Map<String, Object> yaml(String path) throws IOException {
		return new Yaml().load(Files.readString(ROOT.resolve(path)));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

}

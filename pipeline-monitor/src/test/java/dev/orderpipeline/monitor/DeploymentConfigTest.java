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

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files fit together: what Prometheus scrapes runs in docker-compose,
 * Grafana finds its dashboards where compose mounts them, the dashboard uses the
 * provisioned datasource, and Keycloak's realm, the services' token validation and the
 * scrapers' client credentials agree with each other. docker-compose cannot run here;
 * this is what can be checked without it.
 */
class DeploymentConfigTest {

	private static final Path ROOT = Path.of("..");

	private static final String REALM_FILE = "deploy/keycloak/order-pipeline-realm.json";

	private static final String TOKEN_URL = "http://keycloak:8080/realms/order-pipeline/protocol/openid-connect/token";

	@Test
	void prometheusScrapesComposeServicesOnTheirContainerPorts() throws IOException {
		Map<String, Object> services = map(yaml("docker-compose.yml").get("services"));
		List<String> targets = new ArrayList<>();
		for (Object job : list(yaml("deploy/prometheus/prometheus.yml").get("scrape_configs"))) {
			for (Object config : list(map(job).get("static_configs"))) {
				for (Object target : list(map(config).get("targets"))) {
					targets.add((String) target);
				}
			}
		}

		assertThat(targets).contains("pipeline-monitor:8080", "order-service:8080", "notification-service:8080",
				"analytics-service:8080", "search-projection-service:8080");
		for (String target : targets) {
			String host = target.substring(0, target.indexOf(':'));
			if (!host.equals("localhost")) {
				assertThat(services).as("compose service for scrape target %s", target).containsKey(host);
			}
		}
		assertThat(list(map(services.get("prometheus")).get("volumes")))
			.contains("./deploy/prometheus:/etc/prometheus:ro");
	}

	@Test
	void consumerServicesYieldTheCpuToTheRequestPath() throws IOException {
		Map<String, Object> services = map(yaml("docker-compose.yml").get("services"));
		Map<String, Object> orderService = map(services.get("order-service"));
		assertThat(orderService).doesNotContainKeys("cpu_shares", "cpus");
		List<String> consumers = new ArrayList<>();
		services.forEach((name, definition) -> {
			Map<String, Object> service = map(definition);
			if (service.containsKey("build") && !name.equals("order-service") && !name.equals("pipeline-monitor")) {
				consumers.add(name);
				assertThat(((Number) service.get("cpu_shares")).intValue()).as("%s cpu_shares", name).isLessThan(1024);
				assertThat(((Number) service.get("cpus")).doubleValue()).as("%s cpus", name).isLessThanOrEqualTo(1.0);
			}
		});
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
		assertThat(checked).contains("order-service", "notification-service", "analytics-service",
				"search-projection-service", "pipeline-monitor");
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

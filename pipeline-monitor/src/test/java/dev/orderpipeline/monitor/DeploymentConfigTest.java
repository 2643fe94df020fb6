package dev.orderpipeline.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observability files fit together: what Prometheus scrapes runs in docker-compose,
 * Grafana finds its dashboards where compose mounts them, and the dashboard uses the
 * provisioned datasource.
 */
class DeploymentConfigTest {

	private static final Path ROOT = Path.of("..");

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

package dev.orderpipeline.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import static org.awaitility.Awaitility.await;

/**
 * Every metric the Grafana dashboard and the Prometheus rules query is a metric something
 * really exports. pipeline-monitor's own names come from its running registry; the other
 * services' names from the checked-in lists in {@code exported-metrics/}, each name
 * marked with how it is known (a framework default, code read, or assumed from work in
 * progress).
 */
class ExportedMetricNamesTest extends MonitorIntegrationTest {

	private static final Path DEPLOY = Path.of("..", "deploy");

	@Test
	void everyMetricTheDashboardAndTheRulesQueryIsExported() throws Exception {
		Map<String, String> known = new TreeMap<>();
		monitorMetricNames().forEach((name) -> known.put(name, "pipeline-monitor (running registry)"));
		for (String list : List.of("order-service", "consumer-services", "prometheus",
				"pipeline-monitor-reconciliation")) {
			listedNames(list).forEach((name, how) -> known.putIfAbsent(name, list + " (" + how + ")"));
		}
		Map<String, String> rules = ruleExpressions();
		rules.keySet()
			.stream()
			.filter((name) -> name.startsWith("record:"))
			.forEach((name) -> known.put(name.substring("record:".length()), "recording rule"));

		Map<String, Set<String>> used = new TreeMap<>();
		rules.forEach((rule, expr) -> PromQlNames.metricNames(expr)
			.forEach((name) -> used.computeIfAbsent(name, (n) -> new TreeSet<>()).add("alerts.yml " + rule)));
		dashboardExpressions().forEach((panel, expr) -> PromQlNames.metricNames(expr)
			.forEach((name) -> used.computeIfAbsent(name, (n) -> new TreeSet<>()).add("dashboard: " + panel)));

		assertThat(used).as("metrics used by the dashboard or the rules").isNotEmpty();
		Map<String, Set<String>> unknown = new TreeMap<>(used);
		unknown.keySet().removeAll(known.keySet());
		assertThat(unknown).as("metrics queried but exported by nothing we know of").isEmpty();
		used.keySet().forEach((name) -> System.out.println("[metric check] " + name + " <- " + known.get(name)));
	}

	/**
	 * The sample names the monitor exports once it has seen a group and a dead-letter
	 * topic.
	 */
	private Set<String> monitorMetricNames() throws Exception {
		String deadLetters = "names-check." + SOURCE + ".dlt";
		createTopic(deadLetters, 1);
		produce(deadLetters, 0, 1);
		commit("names-check", Map.of(source(0), 1L));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> group("names-check").map((g) -> g.deadLetters().records() == 1).orElse(false));
		Set<String> names = new TreeSet<>();
		prometheusText().lines()
			.filter((line) -> !line.startsWith("#") && !line.isBlank())
			.forEach((line) -> names.add(line.split("[{ ]", 2)[0]));
		return names;
	}

	private static Map<String, String> listedNames(String list) throws IOException {
		Map<String, String> names = new TreeMap<>();
		Path file = Path.of("src", "test", "resources", "exported-metrics", list + ".txt");
		for (String line : Files.readAllLines(file)) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] parts = line.split("\t", 2);
			names.put(parts[0].trim(), (parts.length > 1) ? parts[1].trim() : "");
		}
		return names;
	}

	/** Rule expressions by {@code record:<name>} or {@code alert:<name>}. */
	@SuppressWarnings("unchecked")
	private static Map<String, String> ruleExpressions() throws IOException {
		Map<String, Object> file = new Yaml().load(Files.readString(DEPLOY.resolve("prometheus/alerts.yml")));
		Map<String, String> expressions = new TreeMap<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				String name = rule.containsKey("record") ? "record:" + rule.get("record")
						: "alert:" + rule.get("alert");
				expressions.put(name, (String) rule.get("expr"));
			}
		}
		return expressions;
	}

	/** Every target expression of the dashboard, by panel title. */
	private static Map<String, String> dashboardExpressions() throws IOException {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(DEPLOY.resolve("grafana/dashboards/order-pipeline.json")));
		Map<String, String> expressions = new TreeMap<>();
		List<JsonNode> panels = new ArrayList<>();
		dashboard.get("panels").forEach(panels::add);
		for (JsonNode panel : panels) {
			JsonNode targets = panel.get("targets");
			if (targets == null) {
				continue;
			}
			int i = 0;
			for (JsonNode target : targets) {
				expressions.put(panel.get("title").asString() + " #" + (i++), target.get("expr").asString());
			}
		}
		return expressions;
	}

}

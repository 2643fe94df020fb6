package dev.orderpipeline.monitor.outbox;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalDouble;
import java.util.function.DoubleBinaryOperator;

import dev.orderpipeline.monitor.MonitorProperties;

/**
 * Reads the outbox gauges from order-service's Prometheus endpoint, the same text
 * Prometheus scrapes, so the page and the dashboards show the same numbers.
 */
public class OutboxScraper {

	private final MonitorProperties.OrderService settings;

	private final HttpClient http;

	public OutboxScraper(MonitorProperties.OrderService settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
	}

	public OutboxBacklog scrape() {
		String source = this.settings.prometheusUrl().toString();
		String body;
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.settings.prometheusUrl())
				.timeout(this.settings.timeout())
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return OutboxBacklog.unknown(source, "HTTP " + response.statusCode());
			}
			body = response.body();
		}
		catch (IOException ex) {
			return OutboxBacklog.unknown(source, "unreachable: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " " + ex.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OutboxBacklog.unknown(source, "interrupted");
		}
		OptionalDouble pending = value(body, this.settings.pendingMetric(), Double::sum);
		OptionalDouble age = value(body, this.settings.oldestAgeMetric(), Math::max);
		if (pending.isEmpty() || age.isEmpty()) {
			return OutboxBacklog.unknown(source, "order-service does not export "
					+ (pending.isEmpty() ? this.settings.pendingMetric() : this.settings.oldestAgeMetric()));
		}
		return new OutboxBacklog(source, pending.getAsDouble(), age.getAsDouble(), null);
	}

	/**
	 * The value of one metric in the Prometheus text format, its series combined.
	 * @param text the exposition
	 * @param metric the metric name
	 * @param combine how to combine several series (labels differ)
	 * @return the value, empty if the metric is absent
	 */
	static OptionalDouble value(String text, String metric, DoubleBinaryOperator combine) {
		OptionalDouble result = OptionalDouble.empty();
		for (String line : text.split("\n")) {
			if (!line.startsWith(metric) || line.length() == metric.length()) {
				continue;
			}
			char next = line.charAt(metric.length());
			if (next != '{' && next != ' ') {
				continue;
			}
			int labelsEnd = (next == '{') ? line.indexOf('}', metric.length()) : metric.length();
			String[] rest = line.substring(labelsEnd + 1).trim().split("\\s+");
			try {
				double value = Double.parseDouble(rest[0]);
				result = result.isPresent() ? OptionalDouble.of(combine.applyAsDouble(result.getAsDouble(), value))
						: OptionalDouble.of(value);
			}
			catch (NumberFormatException ex) {
				// not a sample line
			}
		}
		return result;
	}

}

package dev.orderpipeline.monitor.outbox;

import java.net.http.HttpClient;
import java.util.OptionalDouble;
import java.util.function.DoubleBinaryOperator;

import dev.orderpipeline.monitor.MonitorProperties;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads the outbox gauges from order-service's Prometheus endpoint, the same text
 * Prometheus scrapes, so the page and the dashboards show the same numbers. With
 * {@code pipeline.monitor.scrape-auth} set, the scrape carries a client-credentials token
 * (role {@code monitoring}), as Prometheus's own scrape does.
 */
public class OutboxScraper {

	private final MonitorProperties.OrderService settings;

	private final MonitorProperties.ScrapeAuth auth;

	private final RestClient http;

	public OutboxScraper(MonitorProperties.OrderService settings, MonitorProperties.ScrapeAuth auth) {
		this.settings = settings;
		this.auth = auth;
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(settings.timeout()).build());
		requestFactory.setReadTimeout(settings.timeout());
		RestClient.Builder builder = RestClient.builder().requestFactory(requestFactory);
		if (auth.enabled()) {
			builder.requestInterceptor(ScrapeCredentials.interceptor(auth, requestFactory));
		}
		this.http = builder.build();
	}

	public OutboxBacklog scrape() {
		String source = this.settings.prometheusUrl().toString();
		Scraped scraped;
		try {
			scraped = this.http.get()
				.uri(this.settings.prometheusUrl())
				.exchange((request, response) -> new Scraped(response.getStatusCode(),
						response.getStatusCode().is2xxSuccessful() ? response.bodyTo(String.class) : null));
		}
		catch (OAuth2AuthorizationException ex) {
			return OutboxBacklog.unknown(source,
					"no token from " + this.auth.tokenUri() + " for client " + this.auth.clientId() + ": "
							+ ex.getError().getErrorCode()
							+ ((ex.getError().getDescription() != null) ? " " + ex.getError().getDescription() : ""));
		}
		catch (ResourceAccessException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return OutboxBacklog.unknown(source, "unreachable: " + cause.getClass().getSimpleName()
					+ ((cause.getMessage() != null) ? " " + cause.getMessage() : ""));
		}
		catch (RestClientException ex) {
			return OutboxBacklog.unknown(source, ex.getClass().getSimpleName() + " " + ex.getMessage());
		}
		if (scraped.status().value() != 200 || scraped.body() == null) {
			return OutboxBacklog.unknown(source, "HTTP " + scraped.status().value() + refusal(scraped.status()));
		}
		OptionalDouble pending = value(scraped.body(), this.settings.pendingMetric(), Double::sum);
		OptionalDouble age = value(scraped.body(), this.settings.oldestAgeMetric(), Math::max);
		if (pending.isEmpty() || age.isEmpty()) {
			return OutboxBacklog.unknown(source, "order-service does not export "
					+ (pending.isEmpty() ? this.settings.pendingMetric() : this.settings.oldestAgeMetric()));
		}
		return new OutboxBacklog(source, pending.getAsDouble(), age.getAsDouble(), null);
	}

	/** What a 401 or 403 means here, so the page says what to fix. */
	private String refusal(HttpStatusCode status) {
		if (status.value() == 401) {
			return this.auth.enabled() ? ": order-service did not accept the token of client " + this.auth.clientId()
					: ": order-service wants a token; set pipeline.monitor.scrape-auth.client-id, client-secret and token-uri";
		}
		if (status.value() == 403) {
			return this.auth.enabled() ? ": the token of client " + this.auth.clientId() + " lacks role monitoring"
					: ": order-service refused the scrape";
		}
		return "";
	}

	private record Scraped(HttpStatusCode status, String body) {
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

package dev.orderpipeline.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the monitor watches and how often.
 *
 * @param sourceTopic the topic whose consumer groups are discovered
 * @param discoverGroups whether groups with committed offsets on the source topic are
 * watched in addition to the configured ones
 * @param deadLetterTopic each group's dead-letter topic, {@code {group}} and
 * {@code {source}} replaced
 * @param refreshInterval the delay between two refreshes
 * @param stallAfter how long a partition's committed offset may stand still while it has
 * lag before its group counts as stalled
 * @param trendWindow how far back the lag is compared to tell lagging from catching up
 * @param kafkaTimeout the longest one refresh waits for the broker
 * @param groups the groups always watched, by group id, with the base URL of the service
 * that consumes in that group (for dead-letter replay); the local run passes one for each
 * consumer it starts
 * @param serviceUrlTemplate the base URL of a group's service when {@code groups} names
 * none, {@code {group}} replaced by the group id (docker-compose:
 * {@code http://{group}:8080}, as every consumer's compose service is named after its
 * group); unset: no URL for such a group
 * @param orderService where the outbox gauges are scraped
 * @param scrapeAuth the client credentials that scrape needs (order-service's
 * {@code /actuator/prometheus} wants a token with role monitoring); unset: no token sent
 */
@ConfigurationProperties("pipeline.monitor")
public record MonitorProperties(@DefaultValue("order-events") String sourceTopic,
		@DefaultValue("true") boolean discoverGroups, @DefaultValue("{group}.{source}.dlt") String deadLetterTopic,
		@DefaultValue("5s") Duration refreshInterval, @DefaultValue("60s") Duration stallAfter,
		@DefaultValue("60s") Duration trendWindow, @DefaultValue("10s") Duration kafkaTimeout,
		Map<String, Group> groups, String serviceUrlTemplate, @DefaultValue OrderService orderService,
		@DefaultValue ScrapeAuth scrapeAuth) {

	public MonitorProperties {
		groups = (groups != null) ? new LinkedHashMap<>(groups) : new LinkedHashMap<>();
	}

	/**
	 * The base URL of the service consuming in {@code group}: configured, or from the
	 * template.
	 * @return the URL, or {@code null} if neither gives one
	 */
	public URI serviceUrlOf(String group) {
		Group configured = this.groups.get(group);
		if (configured != null && configured.serviceUrl() != null) {
			return configured.serviceUrl();
		}
		if (this.serviceUrlTemplate == null || this.serviceUrlTemplate.isBlank()) {
			return null;
		}
		return URI.create(this.serviceUrlTemplate.replace("{group}", group));
	}

	public String deadLetterTopicOf(String group) {
		return this.deadLetterTopic.replace("{group}", group).replace("{source}", this.sourceTopic);
	}

	/**
	 * @param serviceUrl base URL of the consumer service, e.g. http://127.0.0.1:8081
	 */
	public record Group(URI serviceUrl) {
	}

	/**
	 * @param prometheusUrl order-service's Prometheus endpoint
	 * @param pendingMetric the gauge of outbox rows not yet published
	 * @param oldestAgeMetric the gauge of the oldest unpublished row's age in seconds
	 * @param timeout connect and read timeout of the scrape
	 */
	public record OrderService(@DefaultValue("http://127.0.0.1:8080/actuator/prometheus") URI prometheusUrl,
			@DefaultValue("outbox_pending_rows") String pendingMetric,
			@DefaultValue("outbox_oldest_pending_age_seconds") String oldestAgeMetric,
			@DefaultValue("2s") Duration timeout) {
	}

	/**
	 * OAuth2 client credentials for scraping order-service: a token with role
	 * {@code monitoring} from {@code tokenUri}, as client {@code clientId} (HTTP Basic).
	 * Without a client id the scrape sends no token (setups from before the services were
	 * secured).
	 *
	 * @param clientId the client, e.g. {@code pipeline-monitor}; unset: no token
	 * @param clientSecret its secret
	 * @param tokenUri the identity provider's token endpoint
	 */
	public record ScrapeAuth(String clientId, String clientSecret, URI tokenUri) {

		public ScrapeAuth {
			if (clientId != null && !clientId.isBlank() && (tokenUri == null || clientSecret == null)) {
				throw new IllegalArgumentException("pipeline.monitor.scrape-auth.client-id is set (" + clientId
						+ "): token-uri and client-secret are needed too");
			}
		}

		public boolean enabled() {
			return this.clientId != null && !this.clientId.isBlank();
		}

		@Override
		public String toString() {
			return "ScrapeAuth[clientId=" + this.clientId + ", tokenUri=" + this.tokenUri + "]";
		}

	}

}

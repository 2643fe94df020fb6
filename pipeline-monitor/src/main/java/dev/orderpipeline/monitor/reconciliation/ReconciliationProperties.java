package dev.orderpipeline.monitor.reconciliation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.orderpipeline.checker.ConsumerKind;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where reconciliation reads and how often it runs, prefix
 * {@code pipeline.monitor.reconciliation}. Reconciliation is on when the orders database
 * is configured.
 *
 * @param orders order-service's database: the truth every store is checked against
 * @param consumers the consumer groups to reconcile, by group id, with what their effects
 * are and their database
 * @param interval the delay between two scheduled runs
 * @param scheduledWindow a scheduled run covers the orders created this long before it
 * @param retryTopic where a missing event is re-delivered: the group's first retry topic
 * (the consumer runtime's replay topic too), {@code {group}} and {@code {source}}
 * replaced
 * @param listLimit how many missing events and violations a report lists (all are
 * counted)
 * @param auditSize how many re-deliveries the status page shows (every one is logged)
 */
@ConfigurationProperties("pipeline.monitor.reconciliation")
record ReconciliationProperties(Database orders, Map<String, Consumer> consumers, @DefaultValue("5m") Duration interval,
		@DefaultValue("24h") Duration scheduledWindow, @DefaultValue("{group}.{source}.retry-0") String retryTopic,
		@DefaultValue("100") int listLimit, @DefaultValue("100") int auditSize) {

	ReconciliationProperties {
		consumers = (consumers != null) ? new LinkedHashMap<>(consumers) : new LinkedHashMap<>();
	}

	boolean enabled() {
		return this.orders != null && this.orders.url() != null && !this.orders.url().isBlank();
	}

	String retryTopicOf(String group, String source) {
		return this.retryTopic.replace("{group}", group).replace("{source}", source);
	}

	/**
	 * @param kind what the group's effects are
	 * @param database the group's database (inbox, dead letters, effects)
	 */
	record Consumer(ConsumerKind kind, Database database) {

		Consumer {
			Objects.requireNonNull(kind, "pipeline.monitor.reconciliation.consumers.<group>.kind");
			Objects.requireNonNull(database, "pipeline.monitor.reconciliation.consumers.<group>.database");
		}

	}

	/**
	 * A PostgreSQL database, read only by the checker.
	 *
	 * @param url its JDBC URL
	 * @param username the user
	 * @param password the password
	 */
	record Database(String url, String username, String password) {

		PGSimpleDataSource dataSource() {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setUrl(this.url);
			dataSource.setUser(this.username);
			dataSource.setPassword(this.password);
			dataSource.setReadOnly(true);
			dataSource.setConnectTimeout(5);
			dataSource.setSocketTimeout(120);
			return dataSource;
		}

		@Override
		public String toString() {
			return "Database[url=" + this.url + ", username=" + this.username + "]";
		}

	}

}

package dev.orderpipeline.checker;

import java.util.Objects;

import javax.sql.DataSource;

/**
 * One consumer group and the database holding its inbox, dead letters and effects. The
 * checker only reads it.
 *
 * @param group the consumer group id (also names its retry and dead-letter topics)
 * @param kind what its effects are
 * @param dataSource its database
 */
public record ConsumerStore(String group, ConsumerKind kind, DataSource dataSource) {

	public ConsumerStore {
		Objects.requireNonNull(group, "group");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(dataSource, "dataSource");
	}

}

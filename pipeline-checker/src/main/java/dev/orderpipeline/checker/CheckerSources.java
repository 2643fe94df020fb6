package dev.orderpipeline.checker;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * Where the checker reads: the orders database (the truth), the Kafka cluster and each
 * consumer group's database.
 *
 * @param orders order-service's database
 * @param kafkaProperties Kafka client properties (at least {@code bootstrap.servers});
 * the checker reads with {@code isolation.level=read_committed} whatever is given
 * @param topic the source topic, {@code order-events}
 * @param consumers the consumer groups to check
 */
public record CheckerSources(DataSource orders, Map<String, Object> kafkaProperties, String topic,
		List<ConsumerStore> consumers) {

	public CheckerSources {
		Objects.requireNonNull(orders, "orders");
		kafkaProperties = Map.copyOf(kafkaProperties);
		Objects.requireNonNull(topic, "topic");
		consumers = List.copyOf(consumers);
	}

}

package dev.orderpipeline.support.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Kafka is UP when the cluster answers a metadata request within the timeout. Spring Boot
 * ships no Kafka health indicator, and a service that cannot reach its broker is not
 * healthy even if its HTTP port answers.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final Admin admin;

	private final Duration timeout;

	KafkaHealthIndicator(Admin admin, Duration timeout) {
		super("Kafka health check failed");
		this.admin = admin;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
		Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		builder.up()
			.withDetail("clusterId", cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS))
			.withDetail("brokers", nodes.size());
	}

	@Override
	public void destroy() {
		admin.close(Duration.ofSeconds(2));
	}

}

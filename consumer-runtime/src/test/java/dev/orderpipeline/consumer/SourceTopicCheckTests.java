package dev.orderpipeline.consumer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderpipeline.consumer.example.ExampleConsumerApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runtime never declares the source topic (only order-service does); a consumer
 * refuses to start against a source topic that is missing or not as its owner declares
 * it. Failed before: the runtime created a missing topic itself with 3 partitions and
 * replication 1, and started against a 1-partition topic.
 */
class SourceTopicCheckTests extends ConsumerRuntimeTestSupport {

	@Test
	void aConsumerStartedAgainstAMissingSourceTopicFailsWithTheReasonAndDoesNotCreateIt() throws Exception {
		String topic = "missing-" + UUID.randomUUID();

		assertThatThrownBy(() -> start(topic).close()).rootCause()
			.hasMessageContaining("Source topic " + topic + " does not exist")
			.hasMessageContaining("order-service");
		try (Admin admin = Admin.create(adminConfig())) {
			assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain(topic);
		}
	}

	@Test
	void aConsumerStartedAgainstAOnePartitionSourceTopicFailsWithTheReason() throws Exception {
		String topic = "one-partition-" + UUID.randomUUID();
		try (Admin admin = Admin.create(adminConfig())) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("min.insync.replicas", "1"))))
				.all()
				.get(10, TimeUnit.SECONDS);
		}

		assertThatThrownBy(() -> start(topic).close()).rootCause()
			.hasMessageContaining("Source topic " + topic + " is not as declared by its owner")
			.hasMessageContaining("1 partitions, expected 6");
	}

	@Test
	void theSourceTopicTestSupportDeclaresIsAccepted() {
		// This context started against it.
		assertThat(this.containers.isRunning()).isTrue();
	}

	private ConfigurableApplicationContext start(String topic) {
		HikariDataSource dataSource = (HikariDataSource) this.jdbc.getDataSource();
		return new SpringApplicationBuilder(ExampleConsumerApplication.class).web(WebApplicationType.NONE)
			.properties("spring.kafka.bootstrap-servers=" + bootstrapServers(),
					"spring.datasource.url=" + dataSource.getJdbcUrl(),
					"spring.datasource.username=" + dataSource.getUsername(),
					"spring.datasource.password=" + dataSource.getPassword(), "pipeline.consumer.topic=" + topic,
					"pipeline.consumer.group-id=startup-check-" + UUID.randomUUID(),
					"pipeline.consumer.source.await-timeout=2s", "spring.jmx.enabled=false")
			.run();
	}

}

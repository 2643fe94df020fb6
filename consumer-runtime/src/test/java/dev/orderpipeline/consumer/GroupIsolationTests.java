package dev.orderpipeline.consumer;

import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.orderpipeline.consumer.example.ExampleConsumerApplication;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two groups consume the same topic, each with its own database (here: schema), retry and
 * dead-letter topics. What fails in one group is retried and dead-lettered there only,
 * and is applied by the other.
 */
class GroupIsolationTests extends ConsumerRuntimeTestSupport {

	private static final String OTHER_GROUP = "example-other";

	@Autowired
	private DataSource dataSource;

	private ConfigurableApplicationContext other;

	@BeforeEach
	void startTheOtherGroup() throws Exception {
		HikariDataSource database = this.dataSource.unwrap(HikariDataSource.class);
		String url = database.getJdbcUrl();
		this.other = new SpringApplicationBuilder(ExampleConsumerApplication.class, FaultInjection.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=other_group",
					"--spring.datasource.username=" + database.getUsername(),
					"--spring.datasource.password=" + database.getPassword(), "--spring.flyway.schemas=other_group",
					"--spring.flyway.default-schema=other_group",
					"--spring.kafka.bootstrap-servers=" + bootstrapServers(),
					"--pipeline.consumer.group-id=" + OTHER_GROUP, "--spring.jmx.enabled=false");
	}

	@AfterEach
	void stopTheOtherGroup() {
		this.other.close();
	}

	@Test
	void eachGroupsFailuresStayInItsOwnRetryAndDeadLetterTopics() {
		Faults otherFaults = this.other.getBean(Faults.class);
		ConsumerTopics otherTopics = this.other.getBean(ConsumerTopics.class);
		JdbcTemplate otherJdbc = this.other.getBean(JdbcTemplate.class);
		OutgoingEvent failsHere = TestOrders.order(UUID.randomUUID()).version(1).placed();
		OutgoingEvent failsThere = TestOrders.order(UUID.randomUUID()).version(1).placed();
		this.faults.failUntilCleared(failsHere.eventId());
		otherFaults.failUntilCleared(failsThere.eventId());

		send(failsHere);
		send(failsThere);

		await().atMost(TIMEOUT)
			.until(() -> deadLetterId(failsHere.eventId()) != null && otherDeadLetter(otherJdbc, failsThere.eventId()));
		await().atMost(TIMEOUT)
			.until(() -> effects(failsThere.eventId()) == 1 && otherEffects(otherJdbc, failsHere.eventId()) == 1);

		assertThat(otherTopics.deadLetter()).isNotEqualTo(this.topics.deadLetter());
		assertThat(recordsWithHeader(this.topics.deadLetter(), "ce_id", failsHere.eventId())).hasSize(1);
		assertThat(recordsWithHeader(otherTopics.deadLetter(), "ce_id", failsThere.eventId())).hasSize(1);
		assertThat(recordsWithHeader(otherTopics.deadLetter(), "ce_id", failsHere.eventId())).isEmpty();
		assertThat(recordsWithHeader(this.topics.deadLetter(), "ce_id", failsThere.eventId())).isEmpty();
		for (int i = 0; i < this.topics.retryAttempts(); i++) {
			assertThat(recordsWithHeader(otherTopics.retry(i), "ce_id", failsHere.eventId())).isEmpty();
			assertThat(recordsWithHeader(this.topics.retry(i), "ce_id", failsThere.eventId())).isEmpty();
			assertThat(recordsWithHeader(this.topics.retry(i), "ce_id", failsHere.eventId())).hasSize(1);
		}
		assertThat(effects(failsHere.eventId())).isZero();
		this.faults.clear(failsHere.eventId());
	}

	private static boolean otherDeadLetter(JdbcTemplate jdbc, String eventId) {
		return jdbc.queryForObject("select count(*) from dead_letter where event_id = ?", Integer.class, eventId) > 0;
	}

	private static int otherEffects(JdbcTemplate jdbc, String eventId) {
		return jdbc.queryForObject("select count(*) from example_effect where event_id = ?::uuid", Integer.class,
				eventId);
	}

}

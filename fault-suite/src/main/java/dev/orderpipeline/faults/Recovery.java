package dev.orderpipeline.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

import dev.orderpipeline.checker.CheckReport;
import dev.orderpipeline.checker.CheckWindow;
import dev.orderpipeline.checker.CheckOptions;
import dev.orderpipeline.checker.InvariantChecker;
import dev.orderpipeline.checker.MailLog;

/**
 * Waits until the pipeline has recovered from a round: every service UP, the outbox empty
 * (but for parked rows, which the checker reports), every partition of
 * {@code order-events} owned by a member of every consumer group, and nothing in flight
 * by the checker's account. Then the checker's report is the round's verdict.
 */
final class Recovery implements AutoCloseable {

	private final StackControl control;

	private final OrderClient client;

	private final DataSource orders;

	private final List<String> groups;

	private final InvariantChecker checker;

	private final MailServer mail;

	private final Admin admin;

	private final Consumer<String> log;

	private MailLog lastMail = new MailLog(Map.of());

	Recovery(StackControl control, OrderClient client, DataSource orders, List<String> groups, InvariantChecker checker,
			MailServer mail, String bootstrapServers, Consumer<String> log) {
		this.log = log;
		this.control = control;
		this.client = client;
		this.orders = orders;
		this.groups = groups;
		this.checker = checker;
		this.mail = mail;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				5_000));
	}

	/**
	 * What recovery came to: the last report, how long it took, and whether it settled.
	 */
	record Outcome(CheckReport report, Duration took, boolean settled, String waitingFor) {
	}

	Outcome await(Duration timeout) {
		Instant started = Instant.now();
		Instant deadline = started.plus(timeout);
		String waitingFor = "";
		CheckReport report = null;
		Instant toldAt = Instant.now();
		while (Instant.now().isBefore(deadline)) {
			if (!waitingFor.isEmpty() && toldAt.isBefore(Instant.now().minusSeconds(15))) {
				this.log.accept("recovering: waiting for " + waitingFor);
				toldAt = Instant.now();
			}
			waitingFor = waitingFor();
			if (waitingFor.isEmpty()) {
				report = this.checker.check(CheckWindow.all());
				if (report.pending() == 0) {
					Duration took = Duration.between(started, Instant.now());
					// The mail server's log is read after the notifications were seen
					// SENT:
					// read before, an email sent in between would look never received.
					this.lastMail = this.mail.log();
					return new Outcome(
							this.checker.check(CheckWindow.all(), CheckOptions.defaults().withMail(this.lastMail)),
							took, true, "");
				}
				waitingFor = report.pending() + " item(s) in flight";
			}
			FaultInjector.sleep(Duration.ofSeconds(2));
		}
		if (report == null) {
			report = this.checker.check(CheckWindow.all());
		}
		return new Outcome(report, Duration.between(started, Instant.now()), false, waitingFor);
	}

	/** The mail server's log as the last settled check read it. */
	MailLog lastMail() {
		return this.lastMail;
	}

	/** What recovery still waits for, or empty. */
	private String waitingFor() {
		for (StackProcess process : this.control.processes()) {
			if (!process.running()) {
				return process.label() + " is not running";
			}
			if (process.isService()) {
				String health = this.client.health(process.baseUrl());
				if (!health.equals("UP")) {
					return process.label() + " is " + health;
				}
			}
		}
		try {
			long unpublished = unpublishedOutboxRows();
			if (unpublished > 0) {
				return unpublished + " outbox row(s) to publish";
			}
			String unowned = unownedPartitions();
			if (!unowned.isEmpty()) {
				return unowned;
			}
		}
		catch (SQLException | RuntimeException ex) {
			return "a store does not answer: " + ex.getMessage();
		}
		catch (Exception ex) {
			return "Kafka does not answer: " + ex.getMessage();
		}
		return "";
	}

	private long unpublishedOutboxRows() throws SQLException {
		try (Connection connection = this.orders.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select count(*) from outbox_event where parked_at is null")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private String unownedPartitions() throws Exception {
		Set<TopicPartition> all = new HashSet<>();
		this.admin.describeTopics(List.of(OutsideProducer.TOPIC))
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.get(OutsideProducer.TOPIC)
			.partitions()
			.forEach((partition) -> all.add(new TopicPartition(OutsideProducer.TOPIC, partition.partition())));
		Map<String, ConsumerGroupDescription> groups = this.admin.describeConsumerGroups(this.groups)
			.all()
			.get(10, TimeUnit.SECONDS);
		for (String group : this.groups) {
			Set<TopicPartition> owned = new HashSet<>();
			for (MemberDescription member : groups.get(group).members()) {
				owned.addAll(member.assignment().topicPartitions());
			}
			Set<TopicPartition> missing = new HashSet<>(all);
			missing.removeAll(owned);
			if (!missing.isEmpty()) {
				return group + " owns no member for " + missing.size() + " partition(s)";
			}
		}
		return "";
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
	}

}

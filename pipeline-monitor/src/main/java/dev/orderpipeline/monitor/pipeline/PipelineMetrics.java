package dev.orderpipeline.monitor.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.orderpipeline.monitor.kafka.DeadLetterTopic;
import dev.orderpipeline.monitor.kafka.PartitionLag;
import dev.orderpipeline.monitor.status.GroupStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;

/**
 * Exports each refresh as gauges. Series of partitions and groups that are no longer
 * watched disappear with the next refresh. Names and labels are documented in the
 * module's README; the dashboard and alert rules depend on them.
 */
class PipelineMetrics {

	private final MultiGauge lagMessages;

	private final MultiGauge lagSeconds;

	private final MultiGauge committedOffset;

	private final MultiGauge logEndOffset;

	private final MultiGauge members;

	private final MultiGauge configured;

	private final MultiGauge state;

	private final MultiGauge status;

	private final MultiGauge deadLetterRecords;

	private final MultiGauge deadLetterLogEnd;

	private final MultiGauge deadLetterAge;

	private final Counter refreshFailures;

	private volatile double lastSuccess = Double.NaN;

	private volatile double refreshDuration = Double.NaN;

	PipelineMetrics(MeterRegistry registry) {
		this.lagMessages = gauge(registry, "kafka.consumer.group.lag.messages",
				"Log end offset minus the group's committed offset, per partition (the LAG of kafka-consumer-groups)");
		this.lagSeconds = gauge(registry, "kafka.consumer.group.lag.seconds",
				"Age of the oldest unconsumed record (the record at the committed offset); 0 without lag");
		this.committedOffset = gauge(registry, "kafka.consumer.group.committed.offset",
				"The group's committed offset, per partition");
		this.logEndOffset = gauge(registry, "kafka.topic.log.end.offset",
				"Log end offset (high watermark) of each partition of a consumed topic");
		this.members = gauge(registry, "kafka.consumer.group.members", "Members of the consumer group");
		this.configured = gauge(registry, "kafka.consumer.group.configured",
				"1 for a group in the monitor's configuration, 0 for one discovered on the source topic");
		this.state = gauge(registry, "kafka.consumer.group.state", "1 for the group's current broker state");
		this.status = gauge(registry, "kafka.consumer.group.status",
				"1 for the group's current status (ok, lagging, stalled, stopped), 0 for the others");
		this.deadLetterRecords = gauge(registry, "kafka.dead.letter.records",
				"Records retained in the group's dead-letter topic (log end minus log start)");
		this.deadLetterLogEnd = gauge(registry, "kafka.dead.letter.log.end.offset",
				"Sum of the dead-letter topic's log end offsets; it only grows, its increase is the inflow");
		this.deadLetterAge = gauge(registry, "kafka.dead.letter.oldest.age.seconds",
				"Age of the oldest record retained in the group's dead-letter topic");
		this.refreshFailures = Counter.builder("pipeline.monitor.refresh.failures")
			.description("Refreshes that could not read Kafka")
			.register(registry);
		Gauge.builder("pipeline.monitor.last.success.timestamp.seconds", this, (m) -> m.lastSuccess)
			.description("When Kafka was last read successfully, in Unix seconds")
			.register(registry);
		Gauge.builder("pipeline.monitor.refresh.duration.seconds", this, (m) -> m.refreshDuration)
			.description("How long the last refresh took")
			.register(registry);
	}

	private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
		return MultiGauge.builder(name).description(description).register(registry);
	}

	void refreshed(Instant at, List<GroupView> groups, double seconds) {
		List<Row<?>> lagMessageRows = new ArrayList<>();
		List<Row<?>> lagSecondRows = new ArrayList<>();
		List<Row<?>> committedRows = new ArrayList<>();
		List<Row<?>> logEndRows = new ArrayList<>();
		List<Row<?>> memberRows = new ArrayList<>();
		List<Row<?>> configuredRows = new ArrayList<>();
		List<Row<?>> stateRows = new ArrayList<>();
		List<Row<?>> statusRows = new ArrayList<>();
		List<Row<?>> deadLetterRows = new ArrayList<>();
		List<Row<?>> deadLetterEndRows = new ArrayList<>();
		List<Row<?>> deadLetterAgeRows = new ArrayList<>();
		java.util.Set<Tags> logEndSeen = new java.util.HashSet<>();
		for (GroupView group : groups) {
			Tags groupTag = Tags.of("group", group.group());
			for (PartitionLag partition : group.partitions()) {
				Tags partitionTags = Tags.of("topic", partition.topic(), "partition",
						String.valueOf(partition.partition()));
				Tags tags = groupTag.and(partitionTags);
				lagMessageRows.add(Row.of(tags, partition.lagMessages()));
				if (partition.lagSeconds() != null) {
					lagSecondRows.add(Row.of(tags, partition.lagSeconds()));
				}
				if (partition.committedOffset() != null) {
					committedRows.add(Row.of(tags, partition.committedOffset()));
				}
				if (logEndSeen.add(partitionTags)) {
					logEndRows.add(Row.of(partitionTags, partition.logEndOffset()));
				}
			}
			memberRows.add(Row.of(groupTag, group.members()));
			configuredRows.add(Row.of(groupTag, group.configured() ? 1 : 0));
			stateRows.add(Row.of(groupTag.and("state", group.state()), 1));
			for (GroupStatus candidate : GroupStatus.values()) {
				statusRows.add(Row.of(groupTag.and("status", candidate.label()),
						candidate.label().equals(group.status()) ? 1 : 0));
			}
			DeadLetterTopic deadLetters = group.deadLetters();
			if (deadLetters.exists()) {
				Tags tags = groupTag.and("topic", deadLetters.topic());
				deadLetterRows.add(Row.of(tags, deadLetters.records()));
				deadLetterEndRows.add(Row.of(tags, deadLetters.logEndOffset()));
				deadLetterAgeRows
					.add(Row.of(tags, (deadLetters.oldestAgeSeconds() != null) ? deadLetters.oldestAgeSeconds() : 0));
			}
		}
		this.lagMessages.register(lagMessageRows, true);
		this.lagSeconds.register(lagSecondRows, true);
		this.committedOffset.register(committedRows, true);
		this.logEndOffset.register(logEndRows, true);
		this.members.register(memberRows, true);
		this.configured.register(configuredRows, true);
		this.state.register(stateRows, true);
		this.status.register(statusRows, true);
		this.deadLetterRecords.register(deadLetterRows, true);
		this.deadLetterLogEnd.register(deadLetterEndRows, true);
		this.deadLetterAge.register(deadLetterAgeRows, true);
		this.lastSuccess = at.toEpochMilli() / 1000.0;
		this.refreshDuration = seconds;
	}

	void failed(double seconds) {
		this.refreshFailures.increment();
		this.refreshDuration = seconds;
	}

}

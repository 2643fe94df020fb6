package dev.orderpipeline.monitor.pipeline;

import java.time.Instant;
import java.util.List;

import dev.orderpipeline.monitor.outbox.OutboxBacklog;

/**
 * The last refresh, as served by {@code GET /api/pipeline}.
 *
 * @param observedAt when the group figures were read from Kafka, {@code null} before the
 * first successful read
 * @param refreshedAt when the last refresh ran, successful or not
 * @param kafkaError why the last refresh could not read Kafka, {@code null} if it could;
 * the group figures are then those of {@code observedAt}
 * @param groups the watched groups
 * @param outbox order-service's outbox
 */
public record PipelineSnapshot(Instant observedAt, Instant refreshedAt, String kafkaError, List<GroupView> groups,
		OutboxBacklog outbox) {

	static PipelineSnapshot empty() {
		return new PipelineSnapshot(null, null, "not refreshed yet", List.of(), null);
	}

}

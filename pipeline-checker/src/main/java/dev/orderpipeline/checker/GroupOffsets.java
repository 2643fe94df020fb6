package dev.orderpipeline.checker;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The committed offsets of every consumer group on the broker, read once per check. A
 * record below a group's committed offset was consumed by it: applied, or forwarded to
 * its retry or dead-letter topic. The runtime commits only after its database
 * transaction, so these are read before the consumers' databases.
 */
final class GroupOffsets {

	private final Map<String, Map<TopicPartition, Long>> committed;

	private GroupOffsets(Map<String, Map<TopicPartition, Long>> committed) {
		this.committed = committed;
	}

	static GroupOffsets read(Map<String, Object> kafkaProperties) {
		Map<String, Object> config = new HashMap<>(kafkaProperties);
		config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
		try (Admin admin = Admin.create(config)) {
			Collection<GroupListing> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups())
				.all()
				.get(30, TimeUnit.SECONDS);
			Set<String> ids = groups.stream().map(GroupListing::groupId).collect(Collectors.toSet());
			Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
			ids.forEach((id) -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
			Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
			if (!specs.isEmpty()) {
				Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = admin.listConsumerGroupOffsets(specs)
					.all()
					.get(30, TimeUnit.SECONDS);
				offsets.forEach((group, byPartition) -> {
					Map<TopicPartition, Long> values = new HashMap<>();
					byPartition.forEach((partition, offset) -> {
						if (offset != null) {
							values.put(partition, offset.offset());
						}
					});
					committed.put(group, values);
				});
			}
			return new GroupOffsets(committed);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading consumer group offsets", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not read consumer group offsets: " + ex.getMessage(), ex);
		}
	}

	/** The group's committed offset on a partition; 0 if it never committed there. */
	long of(String group, TopicPartition partition) {
		return this.committed.getOrDefault(group, Map.of()).getOrDefault(partition, 0L);
	}

	/**
	 * The highest committed offset any group has on a partition, for the retry and
	 * dead-letter topics whose consuming group is an implementation detail of the
	 * runtime.
	 */
	long highest(TopicPartition partition) {
		return this.committed.values()
			.stream()
			.mapToLong((byPartition) -> byPartition.getOrDefault(partition, 0L))
			.max()
			.orElse(0L);
	}

}

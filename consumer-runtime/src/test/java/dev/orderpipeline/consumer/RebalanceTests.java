package dev.orderpipeline.consumer;

import java.util.UUID;

import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The source, retry and dead-letter containers share the group with the cooperative
 * sticky assignor: a retry container stopping and starting again moves only its own
 * partitions, and the source keeps applying events meanwhile. Failed with the eager
 * assignor before: every member gave up all its partitions at each join or leave.
 */
class RebalanceTests extends ConsumerRuntimeTestSupport {

	@Test
	void aRetryContainerRestartingRevokesNoSourcePartitionAndTheSourceKeepsApplying() {
		MessageListenerContainer retry = this.containers.getListenerContainer(this.topics.group() + ".retry-0");
		await().atMost(TIMEOUT).until(() -> assigned(retry) && assigned(this.containers.source()));
		double sourceRevoked = count("consumer.partitions.revoked", "container", "source");

		retry.stop();
		OutgoingEvent whileStopped = TestOrders.order(UUID.randomUUID()).version(1).placed();
		send(whileStopped);
		await().atMost(TIMEOUT).until(() -> effects(whileStopped.eventId()) == 1);
		retry.start();
		await().atMost(TIMEOUT).until(() -> assigned(retry));
		OutgoingEvent afterRestart = TestOrders.order(UUID.randomUUID()).version(1).placed();
		send(afterRestart);
		await().atMost(TIMEOUT).until(() -> effects(afterRestart.eventId()) == 1);

		assertThat(count("consumer.partitions.revoked", "container", "source")).isEqualTo(sourceRevoked);
		assertThat(count("consumer.partitions.revoked", "container", "retry")).isPositive();
	}

	private static boolean assigned(MessageListenerContainer container) {
		return container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty();
	}

}

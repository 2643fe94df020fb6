package dev.orderpipeline.consumer.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends dead letters back into the group's own retry path (its first retry topic), never
 * to the shared source topic, where every other group would see them again. Safe to
 * repeat: handling is idempotent by event id, so replaying an event that was applied in
 * the meantime changes nothing.
 */
public final class DeadLetterReplayer {

	/** Set on a replayed record: the id of the dead letter it came from. */
	public static final String REPLAY_OF = "pipeline_replay-of";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);

	private final ReplayBookkeeping store;

	private final KafkaOperations<String, byte[]> template;

	private final String replayTopic;

	public DeadLetterReplayer(ReplayBookkeeping store, KafkaOperations<String, byte[]> template, String replayTopic) {
		this.store = store;
		this.template = template;
		this.replayTopic = replayTopic;
	}

	/**
	 * Replays one dead letter: publishes its key, value and original headers (without the
	 * failure headers of earlier attempts) to the first retry topic and waits for the
	 * broker's acknowledgement before marking it replayed.
	 * @param id the dead letter
	 * @return whether it existed
	 */
	public boolean replay(long id) {
		Optional<ReplayBookkeeping.StoredRecord> stored = this.store.storedRecord(id);
		if (stored.isEmpty()) {
			return false;
		}
		send(stored.get());
		this.store.markReplayed(id);
		log.info("Replayed dead letter {} to {}", id, this.replayTopic);
		return true;
	}

	/**
	 * Replays every dead letter not replayed yet, oldest first.
	 * @param limit the most to replay in one call
	 * @return how many were replayed
	 */
	public int replayPending(int limit) {
		List<Long> ids = this.store.pendingIds(limit);
		ids.forEach(this::replay);
		return ids.size();
	}

	private void send(ReplayBookkeeping.StoredRecord stored) {
		RecordHeaders headers = new RecordHeaders();
		for (StoredHeader header : stored.headers()) {
			if (isOriginal(header.name())) {
				headers.add(header.name(), header.rawValue());
			}
		}
		headers.add(REPLAY_OF, Long.toString(stored.id()).getBytes(StandardCharsets.UTF_8));
		try {
			this.template.send(new ProducerRecord<>(this.replayTopic, null, stored.key(), stored.value(), headers))
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while replaying dead letter " + stored.id(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not replay dead letter " + stored.id() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The producer's headers; the failure and retry bookkeeping of earlier attempts is
	 * dropped.
	 */
	private static boolean isOriginal(String name) {
		return !name.startsWith("kafka_") && !name.startsWith("retry_topic-") && !name.startsWith("pipeline_");
	}

}

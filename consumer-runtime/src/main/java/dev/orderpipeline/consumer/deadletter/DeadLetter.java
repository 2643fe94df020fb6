package dev.orderpipeline.consumer.deadletter;

import java.time.Instant;

/**
 * One dead-lettered record as listed by {@code GET /dead-letters}.
 *
 * @param id the row id, used to show and replay it
 * @param originalTopic the topic the record was first consumed from
 * @param originalPartition its partition there
 * @param originalOffset its offset there
 * @param eventId {@code ce_id}, if the record had one
 * @param eventType {@code ce_type}, if the record had one
 * @param subject {@code ce_subject} (the order id), if the record had one
 * @param exceptionClass the last failure's exception class
 * @param exceptionMessage the last failure's message
 * @param firstFailedAt when the record first failed
 * @param deadLetteredAt when it reached the dead-letter topic
 * @param replayedAt when it was last replayed, or {@code null}
 * @param replayCount how often it was replayed
 */
public record DeadLetter(long id, String originalTopic, Integer originalPartition, Long originalOffset, String eventId,
		String eventType, String subject, String exceptionClass, String exceptionMessage, Instant firstFailedAt,
		Instant deadLetteredAt, Instant replayedAt, int replayCount) {

}

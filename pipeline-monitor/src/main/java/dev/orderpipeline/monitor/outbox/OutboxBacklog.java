package dev.orderpipeline.monitor.outbox;

/**
 * The outbox as order-service reports it.
 *
 * @param source where it was read
 * @param pendingRows rows committed but not yet published, {@code null} when unknown
 * @param oldestPendingAgeSeconds age of the oldest of them, {@code null} when unknown
 * @param error why the figures are unknown, {@code null} when they are known
 */
public record OutboxBacklog(String source, Double pendingRows, Double oldestPendingAgeSeconds, String error) {

	public static OutboxBacklog unknown(String source, String error) {
		return new OutboxBacklog(source, null, null, error);
	}

}

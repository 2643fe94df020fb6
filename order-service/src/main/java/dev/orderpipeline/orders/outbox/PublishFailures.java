package dev.orderpipeline.orders.outbox;

import java.util.Set;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * What a failed send or commit means for the relay, judged by the exception or any of its
 * causes: the row can never be published, another relay took over, or the producer is
 * broken for good. Anything else is the broker being away for a while: retry.
 */
final class PublishFailures {

	/** Failures that depend on the row, not on the broker: retrying never helps. */
	private static final Set<Class<? extends Throwable>> UNPUBLISHABLE = Set.of(RecordTooLargeException.class,
			InvalidRecordException.class, SerializationException.class);

	/** Another producer with the same transactional.id has taken over. */
	private static final Set<Class<? extends Throwable>> FENCING = Set.of(ProducerFencedException.class,
			InvalidProducerEpochException.class);

	/** Failures after which this producer must never be used again. */
	private static final Set<Class<? extends Throwable>> FATAL = Set.of(AuthorizationException.class,
			UnsupportedVersionException.class);

	private PublishFailures() {
	}

	static boolean isUnpublishable(Throwable failure) {
		return isAny(UNPUBLISHABLE, failure);
	}

	static boolean isFencing(Throwable failure) {
		return isAny(FENCING, failure);
	}

	static boolean isFatal(Throwable failure) {
		return isAny(FATAL, failure);
	}

	private static boolean isAny(Set<Class<? extends Throwable>> types, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			Throwable current = cause;
			if (types.stream().anyMatch((type) -> type.isInstance(current))) {
				return true;
			}
		}
		return false;
	}

}

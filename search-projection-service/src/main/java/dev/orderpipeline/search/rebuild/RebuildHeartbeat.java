package dev.orderpipeline.search.rebuild;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a running rebuild's heartbeat on its own thread, so that a long poll, a broker
 * stall or a long swap does not make the rebuild look abandoned to another instance.
 */
final class RebuildHeartbeat implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RebuildHeartbeat.class);

	private static final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "projection-rebuild-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private final ScheduledFuture<?> beats;

	private RebuildHeartbeat(ScheduledFuture<?> beats) {
		this.beats = beats;
	}

	static RebuildHeartbeat start(RebuildRuns runs, long id, String owner, Duration interval) {
		return new RebuildHeartbeat(scheduler.scheduleWithFixedDelay(() -> {
			try {
				if (!runs.heartbeat(id, owner)) {
					logger.warn("Projection rebuild {} is no longer owned by {}; it stops at its next step", id, owner);
				}
			}
			catch (RuntimeException ex) {
				// The database is unreachable: the next beat tries again.
				logger.warn("Heartbeat of projection rebuild {} failed", id, ex);
			}
		}, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
	}

	@Override
	public void close() {
		this.beats.cancel(false);
	}

}

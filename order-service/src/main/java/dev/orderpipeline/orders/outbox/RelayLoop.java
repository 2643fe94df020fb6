package dev.orderpipeline.orders.outbox;

import java.sql.SQLException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's thread: stands by until it leads, then publishes batch after batch, idles
 * when nothing waits, backs off when the broker fails, and stands down when it loses its
 * session or is fenced. How it waits meanwhile is {@link RelayWaits}; how long it backs
 * off, {@link RelayBackoff}; when it stops or drains, {@link RelaySignals}.
 */
final class RelayLoop implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(RelayLoop.class);

	private final String name;

	private final RelayLeadership leadership;

	private final BatchPipeline pipeline;

	private final TransactionalPublisher publisher;

	private final RelayProgress progress;

	private final Runnable ensureTopic;

	private final RelaySignals signals = new RelaySignals();

	private final RelayWaits waits;

	private final RelayBackoff backoff;

	RelayLoop(String name, RelayLeadership leadership, BatchPipeline pipeline, TransactionalPublisher publisher,
			RelayProgress progress, OutboxProperties.Relay settings, Runnable ensureTopic) {
		this.name = name;
		this.leadership = leadership;
		this.pipeline = pipeline;
		this.publisher = publisher;
		this.progress = progress;
		this.ensureTopic = ensureTopic;
		this.waits = new RelayWaits(this.signals, leadership, settings);
		this.backoff = new RelayBackoff(settings.initialBackoff(), settings.maxBackoff());
	}

	void wake() {
		this.signals.wake();
	}

	/** Ends the loop soon, without publishing what is left. */
	void stop() {
		this.signals.stop();
	}

	/**
	 * Publishes what is left, as far as the broker allows and for at most the given time,
	 * then ends the loop. A standby relay ends at once.
	 */
	void drain(Duration atMost) {
		this.signals.drain(atMost);
	}

	int backendPid() {
		return this.leadership.backendPid();
	}

	@Override
	public void run() {
		this.signals.runOn(Thread.currentThread());
		try {
			while (this.signals.goOn()) {
				if (!this.leadership.isLeading()) {
					if (this.signals.draining()) {
						return;
					}
					if (!this.leadership.tryToLead()) {
						this.waits.standBy();
						continue;
					}
					lead();
				}
				try {
					if (!publishNext()) {
						return;
					}
				}
				catch (SQLException | RuntimeException ex) {
					logger.warn("Outbox relay {} lost its database session; standing by", this.name, ex);
					standDown();
					this.waits.standBy();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (this.signals.draining() && this.signals.drainTimeIsUp() && this.leadership.isLeading()) {
				logger.warn("Outbox relay {} stops at its drain timeout with rows left; the next relay publishes them",
						this.name);
			}
			finish();
		}
	}

	/**
	 * @return whether to go on
	 */
	private boolean publishNext() throws SQLException, InterruptedException {
		this.signals.clearNudge();
		switch (this.pipeline.next()) {
			case IDLE -> {
				if (this.signals.draining()) {
					logger.info("Outbox relay {} published everything before stopping", this.name);
					return false;
				}
				this.waits.idle();
			}
			case PUBLISHED -> this.backoff.reset();
			case PARKED -> {
				// the rest of the batch goes at once
			}
			case FAILED -> {
				// While draining too: a broker that fails for a moment (a restart, a
				// leader election) still gets the rows before the drain timeout.
				Duration pause = this.backoff.next();
				logger.warn("Outbox relay {} could not publish a batch ({}); retrying in {}{}", this.name,
						this.pipeline.lastFailure().toString(), pause,
						this.signals.draining() ? " until the drain timeout" : "");
				this.waits.pause(pause);
			}
			case FENCED -> standDown();
		}
		return true;
	}

	private void lead() {
		logger.info("Outbox relay {} is now active", this.name);
		this.pipeline.reset();
		this.backoff.reset();
		try {
			this.ensureTopic.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not make sure the topic exists; publishing anyway", ex);
		}
		this.progress.leading();
	}

	private void standDown() {
		this.progress.standingBy();
		this.pipeline.reset();
		this.publisher.close();
		this.leadership.resign();
	}

	/** Deletes what the last transaction published, so a successor does not repeat it. */
	private void finish() {
		if (this.leadership.isLeading()) {
			try {
				this.pipeline.finish();
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Could not delete the last published rows; the next relay publishes them again", ex);
			}
		}
		standDown();
	}

}

package dev.orderpipeline.monitor.pipeline;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.orderpipeline.monitor.MonitorProperties;
import dev.orderpipeline.monitor.kafka.ConsumerGroupReader;
import dev.orderpipeline.monitor.kafka.GroupObservation;
import dev.orderpipeline.monitor.kafka.KafkaObservation;
import dev.orderpipeline.monitor.outbox.OutboxBacklog;
import dev.orderpipeline.monitor.outbox.OutboxScraper;
import dev.orderpipeline.monitor.status.Assessment;
import dev.orderpipeline.monitor.status.GroupStatusTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Refreshes the snapshot on its own thread, one refresh at a time, a fixed delay apart.
 * HTTP requests only ever read the last snapshot, so a slow or absent broker never holds
 * up the status page or a Prometheus scrape. When Kafka cannot be read, the last group
 * figures stay, marked with the error and the time they were read.
 */
public class PipelineRefresher implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PipelineRefresher.class);

	private final MonitorProperties properties;

	private final ConsumerGroupReader reader;

	private final OutboxScraper outbox;

	private final GroupStatusTracker tracker;

	private final PipelineMetrics metrics;

	private final Clock clock;

	private final AtomicReference<PipelineSnapshot> latest = new AtomicReference<>(PipelineSnapshot.empty());

	private ScheduledExecutorService executor;

	PipelineRefresher(MonitorProperties properties, ConsumerGroupReader reader, OutboxScraper outbox,
			PipelineMetrics metrics, Clock clock) {
		this.properties = properties;
		this.reader = reader;
		this.outbox = outbox;
		this.tracker = new GroupStatusTracker(properties.stallAfter(), properties.trendWindow());
		this.metrics = metrics;
		this.clock = clock;
	}

	public PipelineSnapshot latest() {
		return this.latest.get();
	}

	void refresh() {
		long start = System.nanoTime();
		PipelineSnapshot previous = this.latest.get();
		Instant observedAt = previous.observedAt();
		List<GroupView> groups = previous.groups();
		String kafkaError = null;
		try {
			KafkaObservation observation = this.reader.read();
			observedAt = observation.at();
			groups = assess(observation);
			this.metrics.refreshed(observedAt, groups, seconds(start));
		}
		catch (RuntimeException ex) {
			kafkaError = ex.getMessage();
			this.metrics.failed(seconds(start));
			log.warn("Could not read consumer groups from Kafka: {}", ex.getMessage());
		}
		OutboxBacklog backlog = this.outbox.scrape();
		this.latest.set(new PipelineSnapshot(observedAt, this.clock.instant(), kafkaError, groups, backlog));
	}

	private List<GroupView> assess(KafkaObservation observation) {
		List<GroupView> views = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (GroupObservation group : observation.groups()) {
			Assessment assessment = this.tracker.assess(group, observation.at());
			URI url = this.properties.serviceUrlOf(group.group());
			String serviceUrl = (url != null) ? url.toString() : null;
			views.add(new GroupView(group.group(), group.configured(), serviceUrl, group.state(), group.members(),
					assessment.status().label(), assessment.reason(), group.lagMessages(), group.maxLagSeconds(),
					group.partitions(), group.deadLetters()));
			names.add(group.group());
		}
		this.tracker.retainOnly(names);
		return List.copyOf(views);
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private void refreshSafely() {
		try {
			refresh();
		}
		catch (Throwable ex) {
			// A scheduled task that throws is never run again; keep refreshing.
			log.error("Pipeline refresh failed", ex);
		}
	}

	@Override
	public synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "pipeline-refresh");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(this::refreshSafely, 0, this.properties.refreshInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			try {
				this.executor.awaitTermination(this.properties.kafkaTimeout().toSeconds() + 5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
		}
	}

	/**
	 * The Kafka clients are closed only here, not in {@link #stop()}: a stopped context
	 * is started again (Spring's test framework pauses the cached contexts it is not
	 * using, and resumes them), and a refresher whose clients were closed then only ever
	 * reported "Failed to find brokers".
	 */
	@Override
	public void destroy() {
		stop();
		this.reader.close();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}

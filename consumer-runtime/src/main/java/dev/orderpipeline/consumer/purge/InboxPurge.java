package dev.orderpipeline.consumer.purge;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Purges the inbox ({@code processed_event}) of events the group can no longer be handed
 * again, on a schedule and in batches. Each run takes a mark (the database time, then the
 * end offsets of every topic the group reads), then purges the rows processed before the
 * newest mark that is older than the retention and that the group's committed offsets
 * have passed on every partition (see {@code V0_3__inbox_purge.sql} for why that is
 * safe). A group that lags, or that never committed, keeps its whole inbox, however old.
 * <p>
 * {@code event_sequence} is not purged: it holds one small row per order, and the next
 * event of an order whose row was purged would look like a gap and be held, then
 * dead-lettered.
 */
public class InboxPurge implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(InboxPurge.class);

	private final PurgeMarks marks;

	private final Map<String, Object> adminSettings;

	private final String group;

	private final List<String> topics;

	private final InboxPurgeSettings settings;

	private final Counter purged;

	private ScheduledExecutorService scheduler;

	/**
	 * @param jdbc the service's database
	 * @param adminSettings Kafka admin client settings
	 * @param group the consumer group whose commits decide
	 * @param topics every topic the group applies events from (source and retries)
	 * @param settings retention, interval, batch size
	 * @param meters where {@code consumer_inbox_purged_total} goes
	 */
	public InboxPurge(JdbcTemplate jdbc, Map<String, Object> adminSettings, String group, List<String> topics,
			InboxPurgeSettings settings, MeterRegistry meters) {
		this.marks = new PurgeMarks(jdbc);
		this.adminSettings = Map.copyOf(adminSettings);
		this.group = group;
		this.topics = List.copyOf(topics);
		this.settings = settings;
		this.purged = Counter.builder("consumer.inbox.purged")
			.description("Inbox rows purged: their events can no longer be delivered to the group")
			.tag("group", group)
			.register(meters);
	}

	/**
	 * One run: take a mark, purge to the newest safe one.
	 * @return rows purged
	 */
	public long purgeOnce() {
		try (Admin admin = Admin.create(this.adminSettings)) {
			GroupOffsets offsets = new GroupOffsets(admin);
			Instant markedAt = this.marks.now();
			this.marks.add(markedAt, offsets.endOffsets(this.topics));
			Map<TopicPartition, Long> committed = offsets.committed(this.group);
			Optional<PurgeMark> safe = this.marks.olderThan(this.settings.retention())
				.stream()
				.filter((mark) -> mark.isBelow(committed))
				.findFirst();
			if (safe.isEmpty()) {
				return 0;
			}
			long total = 0;
			int deleted;
			do {
				deleted = this.marks.purgeBatch(safe.get(), this.settings.batchSize());
				total += deleted;
				this.purged.increment(deleted);
			}
			while (deleted == this.settings.batchSize());
			this.marks.purgedTo(safe.get());
			this.marks.deleteBefore(safe.get());
			if (total > 0) {
				logger.info("Purged {} inbox rows of group {} processed before {}", total, this.group,
						safe.get().markedAt());
			}
			return total;
		}
	}

	@Override
	public void start() {
		if (!this.settings.enabled()) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "inbox-purge");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.interval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::purgeQuietly, interval, interval, TimeUnit.MILLISECONDS);
	}

	private void purgeQuietly() {
		try {
			purgeOnce();
		}
		catch (RuntimeException ex) {
			// Kafka or the database unreachable: nothing was purged that should not be;
			// the next run tries again.
			logger.warn("Inbox purge of group {} failed", this.group, ex);
		}
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}

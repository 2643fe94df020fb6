package dev.orderpipeline.search.rebuild;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.orderpipeline.consumer.SourceEventDecoder;
import dev.orderpipeline.consumer.SourceEvents;
import dev.orderpipeline.events.facts.OrderFact;
import dev.orderpipeline.search.projection.DocumentTable;
import dev.orderpipeline.search.projection.OrderDocumentWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds {@code order_document} from the earliest offset of {@code order-events} into a
 * fresh table and swaps it in.
 * <ol>
 * <li><b>Copy.</b> Capture the end offsets E0, read every partition from its beginning to
 * E0 into {@code order_document_rebuild_<id>}, one transaction per poll, with the same
 * {@link OrderDocumentWriter} the live consumer uses. The live consumer keeps writing
 * {@code order_document} meanwhile.</li>
 * <li><b>Catch up.</b> Capture E1 and read E0..E1 the same way, so that the final step
 * has little left to read.</li>
 * <li><b>Swap</b>, in one transaction: lock {@code order_document} against writes (the
 * live consumer's current transaction commits first, its next one waits), capture E2,
 * read E1..E2 into the fresh table, drop the old table and rename the fresh one.</li>
 * </ol>
 * <b>Why nothing is lost or doubled.</b> Any event the live consumer applied to the old
 * table was committed before the lock, so it had been read, so its offset is below E2,
 * and the rebuild read it too. Any event the live consumer applies later lands in the new
 * table. Events in E0..E2 that both apply reach the new table twice, which changes
 * nothing: a document is a function of the set of events applied (see
 * {@link OrderDocumentWriter}). Partitions added to the topic meanwhile are looked up
 * before the catch-up and again under the lock, and read from their beginning.
 * <p>
 * <b>Several instances.</b> A rebuild belongs to the instance that started it, which
 * heartbeats while it runs; each of its updates names that owner and a running state, so
 * once another instance failed it as stale (its heartbeat stopped) it cannot write
 * progress or swap: the swap's transaction rolls back.
 */
@Component
class ProjectionRebuilder implements InitializingBean, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ProjectionRebuilder.class);

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "projection-rebuild");
		thread.setDaemon(true);
		return thread;
	});

	private final RebuildRuns runs;

	private final DocumentTables tables;

	private final OrderDocumentWriter writer;

	private final TransactionTemplate transactions;

	private final ConsumerFactory<?, ?> consumerFactory;

	private final RebuildProperties properties;

	private final String topic;

	private final SourceEventDecoder decoder;

	/** This instance, as the owner of the rebuilds it runs. */
	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	ProjectionRebuilder(RebuildRuns runs, DocumentTables tables, OrderDocumentWriter writer,
			TransactionTemplate transactions, ConsumerFactory<?, ?> consumerFactory, RebuildProperties properties,
			SourceEvents source) {
		this.runs = runs;
		this.tables = tables;
		this.writer = writer;
		this.transactions = transactions;
		this.consumerFactory = consumerFactory;
		this.properties = properties;
		// The live consumer's topic and decoder, so the rebuild reads what it reads and
		// skips exactly what it dead-letters.
		this.topic = source.topic();
		this.decoder = source.decoder();
	}

	/**
	 * A rebuild runs in the instance that started it and heartbeats while it runs. One
	 * whose heartbeat is stale lost its instance (stopped, crashed, hung) and cannot
	 * resume: it is marked failed and its table dropped. One that heartbeats belongs to
	 * another instance and is left alone.
	 */
	@Override
	public void afterPropertiesSet() {
		failStaleRebuilds();
	}

	private void failStaleRebuilds() {
		for (long id : this.runs.failStale(this.properties.staleAfter())) {
			logger.warn("Projection rebuild {} stopped heartbeating for {}; marked it failed", id,
					this.properties.staleAfter());
			this.tables.drop(DocumentTable.forRebuild(id));
		}
	}

	/**
	 * Starts a rebuild in the background, owned by this instance.
	 * @return its id
	 * @throws RebuildAlreadyRunningException if one is running
	 */
	long start() {
		failStaleRebuilds();
		long id = this.runs.start(this.owner);
		this.executor.execute(() -> run(id));
		return id;
	}

	private void run(long id) {
		DocumentTable table = DocumentTable.forRebuild(id);
		Map<String, Object> settings = this.consumerFactory.getConfigurationProperties();
		try (RebuildHeartbeat heartbeat = RebuildHeartbeat.start(this.runs, id, this.owner,
				this.properties.heartbeatInterval());
				TopicReader reader = new TopicReader(settings, this.topic, "search-projection-rebuild-" + id,
						this.properties)) {
			this.tables.createFresh(table);
			Map<TopicPartition, Long> beginning = reader.beginningOffsets();
			Map<TopicPartition, Long> end = reader.endOffsets();
			RebuildProgress progress = new RebuildProgress(beginning, end);
			logger.info("Projection rebuild {} reads {} from {} to {}", id, this.topic, beginning, end);
			copy(id, reader, table, beginning, end, progress, RebuildState.COPYING);
			Map<TopicPartition, Long> caughtUpFrom = withAddedPartitions(id, reader, end, progress);
			Map<TopicPartition, Long> caughtUp = reader.endOffsets();
			copy(id, reader, table, caughtUpFrom, caughtUp, progress, RebuildState.CATCHING_UP);
			this.runs.state(id, this.owner, RebuildState.SWAPPING);
			this.transactions.executeWithoutResult((status) -> {
				this.tables.lockLiveTableAgainstWrites();
				// Checked again under the lock: a partition added until now is read
				// before
				// the swap; one added later is the live consumer's alone.
				Map<TopicPartition, Long> lastFrom = withAddedPartitions(id, reader, caughtUp, progress);
				Map<TopicPartition, Long> last = reader.endOffsets();
				copy(id, reader, table, lastFrom, last, progress, RebuildState.SWAPPING);
				this.tables.swapIn(table);
				this.runs.done(id, this.owner);
			});
			logger.info("Projection rebuild {} swapped in after {} records ({} events applied, {} skipped)", id,
					progress.recordsRead, progress.eventsApplied, progress.recordsSkipped);
		}
		catch (RuntimeException ex) {
			logger.error("Projection rebuild {} failed; order_document is unchanged", id, ex);
			try {
				this.tables.drop(table);
			}
			finally {
				this.runs.failed(id, this.owner, ex.toString());
			}
		}
	}

	/**
	 * The positions to read on from, with partitions added to the topic since the last
	 * look (read from their beginning).
	 */
	private Map<TopicPartition, Long> withAddedPartitions(long id, TopicReader reader, Map<TopicPartition, Long> from,
			RebuildProgress progress) {
		Map<TopicPartition, Long> added = reader.assignAddedPartitions();
		if (added.isEmpty()) {
			return from;
		}
		logger.info("Projection rebuild {}: partitions {} were added to {} meanwhile; reading them too", id,
				added.keySet(), this.topic);
		progress.added(added, reader.endOffsets());
		Map<TopicPartition, Long> positions = new HashMap<>(from);
		positions.putAll(added);
		return positions;
	}

	/** Reads from..to into the table, one transaction per poll (or the caller's). */
	private void copy(long id, TopicReader reader, DocumentTable table, Map<TopicPartition, Long> from,
			Map<TopicPartition, Long> to, RebuildProgress progress, RebuildState state) {
		long before = progress.recordsRead;
		reader.read(from, to, (records, positions) -> {
			List<OrderFact> events = decode(records, progress);
			this.transactions.executeWithoutResult((status) -> {
				int applied = this.writer.apply(table, events);
				progress.reached(positions);
				progress.recordsRead += records.size();
				progress.eventsApplied += applied;
				this.runs.progress(id, this.owner, state, progress.recordsRead, progress.eventsApplied,
						progress.recordsSkipped, progress.partitions());
			});
		});
		logger.info("Projection rebuild {} {}: read {} records up to {}", id, state, progress.recordsRead - before, to);
	}

	private List<OrderFact> decode(List<ConsumerRecord<String, byte[]>> records, RebuildProgress progress) {
		List<OrderFact> events = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				events.add(this.decoder.decode(record).fact());
			}
			catch (RuntimeException ex) {
				// the live consumer dead-letters such a record (an unknown type, a broken
				// contract): it never takes effect there either
				progress.recordsSkipped++;
				logger.debug("Rebuild skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
						ex.toString());
			}
		}
		return events;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}

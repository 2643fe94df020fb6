package dev.orderpipeline.search.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.orderpipeline.events.EventSchemas;
import dev.orderpipeline.events.kafka.EventDecoder;
import dev.orderpipeline.events.facts.OrderFact;
import dev.orderpipeline.events.kafka.IncomingEvent;
import dev.orderpipeline.search.projection.DocumentTable;
import dev.orderpipeline.search.projection.OrderDocumentWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
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
 * {@link OrderDocumentWriter}).
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

	private final EventDecoder decoder;

	ProjectionRebuilder(RebuildRuns runs, DocumentTables tables, OrderDocumentWriter writer,
			TransactionTemplate transactions, ConsumerFactory<?, ?> consumerFactory, RebuildProperties properties,
			@Value("${pipeline.consumer.topic:order-events}") String topic,
			@Value("${pipeline.consumer.validate-schemas:true}") boolean validateSchemas) {
		this.runs = runs;
		this.tables = tables;
		this.writer = writer;
		this.transactions = transactions;
		this.consumerFactory = consumerFactory;
		this.properties = properties;
		this.topic = topic;
		// The same decoding as the live consumer, so the rebuild skips exactly what it
		// dead-letters.
		this.decoder = validateSchemas ? EventDecoder.validating(new EventSchemas()) : EventDecoder.lenient();
	}

	/**
	 * A rebuild runs in the instance that started it; one that was running when this
	 * instance stopped cannot resume, so it is marked failed and its table dropped.
	 */
	@Override
	public void afterPropertiesSet() {
		for (long id : this.runs.unfinished()) {
			logger.warn("Projection rebuild {} was interrupted by a restart; marking it failed", id);
			this.tables.drop(DocumentTable.forRebuild(id));
			this.runs.failed(id, "interrupted by a restart");
		}
	}

	/**
	 * Starts a rebuild in the background.
	 * @return its id
	 * @throws RebuildAlreadyRunningException if one is running
	 */
	long start() {
		long id = this.runs.start();
		this.executor.execute(() -> run(id));
		return id;
	}

	private void run(long id) {
		DocumentTable table = DocumentTable.forRebuild(id);
		Map<String, Object> settings = this.consumerFactory.getConfigurationProperties();
		try (TopicReader reader = new TopicReader(settings, this.topic, "search-projection-rebuild-" + id,
				this.properties)) {
			this.tables.createFresh(table);
			Map<TopicPartition, Long> beginning = reader.beginningOffsets();
			Map<TopicPartition, Long> end = reader.endOffsets();
			RebuildProgress progress = new RebuildProgress(beginning, end);
			logger.info("Projection rebuild {} reads {} from {} to {}", id, this.topic, beginning, end);
			copy(id, reader, table, beginning, end, progress, RebuildState.COPYING);
			Map<TopicPartition, Long> caughtUp = reader.endOffsets();
			copy(id, reader, table, end, caughtUp, progress, RebuildState.CATCHING_UP);
			this.runs.state(id, RebuildState.SWAPPING);
			this.transactions.executeWithoutResult((status) -> {
				this.tables.lockLiveTableAgainstWrites();
				Map<TopicPartition, Long> last = reader.endOffsets();
				copy(id, reader, table, caughtUp, last, progress, RebuildState.SWAPPING);
				this.tables.swapIn(table);
				this.runs.done(id);
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
				this.runs.failed(id, ex.toString());
			}
		}
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
				this.runs.progress(id, state, progress.recordsRead, progress.eventsApplied, progress.recordsSkipped,
						progress.partitions());
			});
		});
		logger.info("Projection rebuild {} {}: read {} records up to {}", id, state, progress.recordsRead - before, to);
	}

	private List<OrderFact> decode(List<ConsumerRecord<String, byte[]>> records, RebuildProgress progress) {
		List<OrderFact> events = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				this.decoder.decode(record)
					.map(IncomingEvent::fact)
					.ifPresentOrElse(events::add, () -> progress.recordsSkipped++);
			}
			catch (RuntimeException ex) {
				// the live consumer dead-letters such a record: it never takes effect
				// there either
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

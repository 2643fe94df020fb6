package dev.orderpipeline.checker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Checks every store against the orders database. Reads happen in an order that makes a
 * running pipeline look consistent where it is: the truth first, then the consumer
 * groups' committed offsets, then the topics, then the consumers' databases (a consumer
 * writes its database, then forwards or commits; so whatever a committed offset vouches
 * for is visible by the time it is read). What is still in flight is reported as pending,
 * never as a violation; once the pipeline has settled nothing is pending.
 */
public final class InvariantChecker {

	private final CheckerSources sources;

	public InvariantChecker(CheckerSources sources) {
		this.sources = sources;
	}

	public CheckReport check(CheckWindow window) {
		return check(window, CheckOptions.defaults());
	}

	public CheckReport check(CheckWindow window, CheckOptions options) {
		Instant started = Instant.now();
		OrdersDatabase ordersDatabase = new OrdersDatabase(this.sources.orders());
		OrdersSnapshot truth = ordersDatabase.read(window, options.declaredOrders());
		GroupOffsets offsets = GroupOffsets.read(this.sources.kafkaProperties());
		List<PublishedRecord> source;
		List<List<PublishedRecord>> retryPaths = new ArrayList<>();
		try (TopicReader reader = new TopicReader(this.sources.kafkaProperties())) {
			source = reader.read(this.sources.topic(), window.readFrom());
			for (ConsumerStore consumer : this.sources.consumers()) {
				List<PublishedRecord> path = new ArrayList<>();
				for (String topic : reader.topicsStartingWith(consumer.group() + "." + this.sources.topic() + ".")) {
					path.addAll(reader.read(topic, window.readFrom()));
				}
				retryPaths.add(path);
			}
		}
		EventIndex index = new EventIndex(source);
		List<InvariantReport> invariants = new ArrayList<>();
		OutboxInvariant outbox = new OutboxInvariant(options.listLimit());
		invariants.add(outbox.check(truth, index, ordersDatabase::currentSequences));
		invariants.add(SequenceOrderInvariant.check(truth, index, options.listLimit()));
		List<PublishedRecord> inWindow = window.isEverything() ? source
				: source.stream().filter((record) -> window.contains(record.timestamp())).toList();
		ReadScope scope = new ReadScope(window, orderIds(truth), eventIds(source));
		List<ConsumerReconciliation> consumers = new ArrayList<>();
		for (int i = 0; i < this.sources.consumers().size(); i++) {
			ConsumerStore consumer = this.sources.consumers().get(i);
			ConsumerSnapshot store = ConsumerDatabase.read(consumer, scope);
			DeliveryInvariant delivery = new DeliveryInvariant(consumer.group(), options.listLimit());
			invariants.add(delivery.check(inWindow, retryPaths.get(i), offsets, store));
			consumers.add(delivery.reconciliation());
			Set<String> unsettled = new HashSet<>(outbox.unsettled());
			unsettled.addAll(delivery.unsettled());
			EffectContext context = new EffectContext(consumer.group(), window, truth, index, store, unsettled,
					options.listLimit());
			invariants.add(switch (consumer.kind()) {
				case SEARCH -> SearchInvariant.check(context);
				case NOTIFICATION -> EmailInvariant.check(context, options.mail());
				case ANALYTICS -> AnalyticsInvariant.check(context);
			});
		}
		invariants.add(StockInvariant.check(truth, options.listLimit()));
		return new CheckReport(started, Duration.between(started, Instant.now()), window, invariants, consumers);
	}

	private static Set<UUID> orderIds(OrdersSnapshot truth) {
		Set<UUID> ids = new LinkedHashSet<>(truth.orders().keySet());
		truth.analyticsOrders().forEach((order) -> ids.add(order.orderId()));
		return ids;
	}

	private static Set<String> eventIds(List<PublishedRecord> records) {
		Set<String> ids = new HashSet<>();
		records.forEach((record) -> {
			if (record.eventId() != null) {
				ids.add(record.eventId());
			}
		});
		return ids;
	}

}

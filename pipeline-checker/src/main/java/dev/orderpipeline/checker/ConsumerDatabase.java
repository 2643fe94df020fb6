package dev.orderpipeline.checker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a consumer's inbox, dead letters and effects in one read-only repeatable-read
 * transaction, so that the inbox and the effects it vouches for are seen at one moment.
 */
final class ConsumerDatabase {

	private static final String INBOX = "select event_id::text, event_type, order_id from processed_event";

	private static final String DEAD_LETTERS = """
			select event_id, original_topic, original_partition, original_offset, dlt_topic, dlt_partition,
			       dlt_offset, exception_class, exception_message, replayed_at
			from dead_letter""";

	private static final String PURGE_HORIZON = """
			select end_offsets::text from inbox_purge_mark where purged_at is not null
			order by marked_at desc limit 1""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ConsumerDatabase() {
	}

	static ConsumerSnapshot read(ConsumerStore store, ReadScope scope) {
		try (Connection connection = Snapshots.open(store.dataSource())) {
			Set<String> ids = new HashSet<>();
			Map<String, Set<String>> types = new HashMap<>();
			inbox(connection, scope, ids, types);
			List<ConsumerSnapshot.DeadLetterEntry> deadLetters = deadLetters(connection, scope);
			Object effects = switch (store.kind()) {
				case SEARCH -> SearchInvariant.read(connection, scope);
				case NOTIFICATION -> EmailInvariant.read(connection, scope);
				case ANALYTICS -> AnalyticsInvariant.read(connection, scope);
			};
			Map<TopicPartition, Long> purgedBelow = purgeHorizon(connection);
			connection.commit();
			return new ConsumerSnapshot(ids, types, deadLetters, effects, purgedBelow);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Could not read the database of consumer group " + store.group() + ": " + ex.getMessage(), ex);
		}
	}

	private static void inbox(Connection connection, ReadScope scope, Set<String> ids, Map<String, Set<String>> types)
			throws SQLException {
		boolean everything = scope.window().isEverything();
		String sql = everything ? INBOX : INBOX + " where event_id = any(?) or order_id = any(?)";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (!everything) {
				statement.setArray(1, scope.eventArray(connection));
				statement.setArray(2, scope.orderTextArray(connection));
			}
			statement.setFetchSize(5000);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					ids.add(rows.getString(1));
					types.computeIfAbsent(rows.getString(3), (order) -> new HashSet<>()).add(rows.getString(2));
				}
			}
		}
	}

	/** The end offsets of the mark the runtime's inbox purge last purged to. */
	private static Map<TopicPartition, Long> purgeHorizon(Connection connection) throws SQLException {
		Map<TopicPartition, Long> horizon = new HashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(PURGE_HORIZON);
				ResultSet rows = statement.executeQuery()) {
			if (rows.next()) {
				for (JsonNode entry : JSON.readTree(rows.getString(1))) {
					horizon.put(new TopicPartition(entry.get("topic").asString(), entry.get("partition").asInt()),
							entry.get("offset").asLong());
				}
			}
		}
		return horizon;
	}

	private static List<ConsumerSnapshot.DeadLetterEntry> deadLetters(Connection connection, ReadScope scope)
			throws SQLException {
		boolean everything = scope.window().isEverything();
		String sql = everything ? DEAD_LETTERS : DEAD_LETTERS + " where dead_lettered_at >= ?";
		List<ConsumerSnapshot.DeadLetterEntry> entries = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (!everything) {
				statement.setTimestamp(1, scope.since());
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String originTopic = rows.getString("original_topic");
					Integer originPartition = (Integer) rows.getObject("original_partition");
					Long originOffset = (Long) rows.getObject("original_offset");
					String origin = (originTopic != null && originPartition != null && originOffset != null)
							? PublishedRecord.coordinates(originTopic, originPartition, originOffset) : null;
					String exception = rows.getString("exception_class");
					String message = rows.getString("exception_message");
					String reason = (exception == null && message == null) ? null
							: ((exception != null) ? exception : "") + ": " + ((message != null) ? message : "");
					entries.add(
							new ConsumerSnapshot.DeadLetterEntry(
									PublishedRecord.canonicalId(rows.getString("event_id")), origin,
									PublishedRecord.coordinates(rows.getString("dlt_topic"),
											rows.getInt("dlt_partition"), rows.getLong("dlt_offset")),
									reason, rows.getTimestamp("replayed_at") != null));
				}
			}
		}
		return entries;
	}

}

package dev.orderpipeline.search.rebuild;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the projection rebuild ({@code search.rebuild.*}).
 *
 * @param maxPollRecords records per poll, and so per transaction, of the rebuild's
 * consumer
 * @param pollTimeout how long one poll waits for records
 * @param stallTimeout how long the rebuild waits without any progress (broker gone)
 * before it gives up and leaves {@code order_document} as it was
 * @param heartbeatInterval how often the owner of a running rebuild renews its heartbeat
 * @param staleAfter how old a heartbeat must be before another instance may fail the
 * rebuild as abandoned; several heartbeat intervals, and longer than a database failover,
 * or a live rebuild could be failed under its owner
 */
@ConfigurationProperties("search.rebuild")
record RebuildProperties(@DefaultValue("2000") int maxPollRecords, @DefaultValue("500ms") Duration pollTimeout,
		@DefaultValue("2m") Duration stallTimeout, @DefaultValue("5s") Duration heartbeatInterval,
		@DefaultValue("1m") Duration staleAfter) {

}

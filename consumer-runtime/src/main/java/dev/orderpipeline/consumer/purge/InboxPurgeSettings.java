package dev.orderpipeline.consumer.purge;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the inbox purge ({@code pipeline.consumer.inbox-purge.*}).
 *
 * @param enabled whether the purge runs on a schedule
 * @param retention how long an applied event's inbox row is kept at least; longer than
 * any window in which the same event can be published again (the relay republishes within
 * its lease and session timeouts, seconds to minutes)
 * @param interval how often a mark is taken and the purge runs; rows go at retention plus
 * up to one interval
 * @param batchSize rows deleted per statement (and transaction)
 */
public record InboxPurgeSettings(@DefaultValue("true") boolean enabled, @DefaultValue("7d") Duration retention,
		@DefaultValue("10m") Duration interval, @DefaultValue("10000") int batchSize) {

}

package dev.orderpipeline.monitor.kafka;

import java.time.Instant;
import java.util.List;

/**
 * One refresh's view of all watched groups.
 *
 * @param at when the offsets were read; time lags are relative to this instant
 * @param groups configured groups first, in configuration order, then discovered ones
 */
public record KafkaObservation(Instant at, List<GroupObservation> groups) {

}

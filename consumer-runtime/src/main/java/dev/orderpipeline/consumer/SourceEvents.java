package dev.orderpipeline.consumer;

/**
 * What another reader of the source topic (a projection rebuild) needs to see the events
 * the live consumer sees: the configured source topic ({@code pipeline.consumer.topic})
 * and the runtime's own decoder, schema validation and id canonicalisation included. A
 * bean of the runtime, so such a reader injects these instead of reading
 * {@code pipeline.consumer.*} again and building a decoder that could drift from the
 * consumer's.
 *
 * @param topic the source topic
 * @param decoder the decoder the live consumer uses
 */
public record SourceEvents(String topic, SourceEventDecoder decoder) {

}

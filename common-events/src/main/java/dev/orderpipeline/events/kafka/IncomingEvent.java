package dev.orderpipeline.events.kafka;

import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.IntegrationEvent;

/**
 * A received event of a type this build knows: the envelope and the typed payload.
 *
 * @param envelope the CloudEvents attributes and raw payload
 * @param type the registered type
 * @param event the payload as its record
 */
public record IncomingEvent(EventEnvelope envelope, EventType type, IntegrationEvent event) {

}

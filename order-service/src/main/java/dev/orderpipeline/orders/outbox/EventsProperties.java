package dev.orderpipeline.orders.outbox;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the integration events look like.
 *
 * @param source the {@code ce_source} of every event
 * @param validate check every payload against its schema when it is written (one schema
 * walk per event; on in the tests)
 */
@ConfigurationProperties("orders.events")
record EventsProperties(@DefaultValue("/order-service") URI source, @DefaultValue("false") boolean validate) {

}

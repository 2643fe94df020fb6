package dev.orderpipeline.orders.outbox;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the integration events look like.
 *
 * @param placedVersion the major version of {@code order.placed} to publish; switch to
 * {@code v2} only once every consumer reads it
 * @param source the {@code ce_source} of every event
 * @param validate check every payload against its schema when it is written (one schema
 * walk per event; on in the tests)
 */
@ConfigurationProperties("orders.events")
record EventsProperties(@DefaultValue("v1") PlacedVersion placedVersion, @DefaultValue("/order-service") URI source,
		@DefaultValue("false") boolean validate) {

	enum PlacedVersion {

		V1, V2

	}

}

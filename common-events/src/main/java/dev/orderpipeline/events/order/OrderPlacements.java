package dev.orderpipeline.events.order;

import java.util.Optional;

import dev.orderpipeline.events.EventDeserializer;
import dev.orderpipeline.events.EventFormatException;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.IntegrationEvent;

/**
 * The upcaster for {@code order.placed}: reads every supported major version into one
 * {@link OrderPlacement}, so consumers handle v1 and v2 alike. Thread-safe.
 */
public final class OrderPlacements {

	private final EventDeserializer deserializer = new EventDeserializer();

	/**
	 * Reads an {@code order.placed} payload of any supported version.
	 * @param type the type from {@code ce_type}
	 * @param json the payload
	 * @return the placement
	 * @throws IllegalArgumentException if the type is not a version of
	 * {@code order.placed}
	 * @throws EventFormatException if the payload cannot be read
	 */
	public OrderPlacement read(EventType type, byte[] json) {
		return from(this.deserializer.deserialize(type, json))
			.orElseThrow(() -> new IllegalArgumentException(type.wireType() + " is not a version of order.placed"));
	}

	/**
	 * Maps an event record to the placement view.
	 * @param event any event
	 * @return the placement, or empty if the event is not an {@code order.placed} version
	 */
	public static Optional<OrderPlacement> from(IntegrationEvent event) {
		if (event instanceof OrderPlacedV1 v1) {
			return Optional.of(fromV1(v1));
		}
		if (event instanceof OrderPlacedV2 v2) {
			return Optional.of(fromV2(v2));
		}
		return Optional.empty();
	}

	static OrderPlacement fromV1(OrderPlacedV1 event) {
		return new OrderPlacement(event.orderId(), event.sequence(), event.customerId(), event.customerEmail(),
				event.lines()
					.stream()
					.map((line) -> new OrderPlacement.Line(line.sku(), line.productName(), line.quantity(),
							line.unitPrice(), line.lineTotal()))
					.toList(),
				event.subtotal(), event.tax(), event.total(), event.placedAt(), 1, event.tenantId());
	}

	static OrderPlacement fromV2(OrderPlacedV2 event) {
		return new OrderPlacement(event.orderId(), event.sequence(), event.customer().id(), event.customer().email(),
				event.lines()
					.stream()
					.map((line) -> new OrderPlacement.Line(line.sku(), line.productName(), line.quantity(),
							line.unitPrice(), line.lineTotal()))
					.toList(),
				event.totals().subtotal(), event.totals().tax(), event.totals().total(), event.placedAt(), 2,
				event.tenantId());
	}

}

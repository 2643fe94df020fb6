package dev.orderpipeline.events.order;

import java.net.URI;

import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.TestEvents;
import dev.orderpipeline.events.TestResources;
import dev.orderpipeline.events.kafka.EventDecoder;
import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.events.kafka.EventMetadata;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The golden samples of v1 and v2 describe the same two orders, so reading either version
 * must give the same placement.
 */
class OrderPlacementsTests {

	private final OrderPlacements placements = new OrderPlacements();

	@ParameterizedTest
	@ValueSource(strings = { "minimal", "full" })
	void v1AndV2OfTheSameOrderReadAsTheSamePlacement(String sample) {
		OrderPlacement fromV1 = this.placements.read(EventType.ORDER_PLACED_V1,
				TestResources.bytes("samples/order.placed.v1/" + sample + ".json"));
		OrderPlacement fromV2 = this.placements.read(EventType.ORDER_PLACED_V2,
				TestResources.bytes("samples/order.placed.v2/" + sample + ".json"));

		assertThat(fromV1.sourceVersion()).isEqualTo(1);
		assertThat(fromV2.sourceVersion()).isEqualTo(2);
		assertThat(fromV1).usingRecursiveComparison().ignoringFields("sourceVersion").isEqualTo(fromV2);
	}

	@Test
	void theFullV2SampleReadsWithEveryValueInPlace() {
		OrderPlacement placement = this.placements.read(EventType.ORDER_PLACED_V2,
				TestResources.bytes("samples/order.placed.v2/full.json"));

		assertThat(placement.orderId()).hasToString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
		assertThat(placement.sequence()).isEqualTo(1);
		assertThat(placement.customerId()).isEqualTo("c-2002");
		assertThat(placement.customerEmail()).isEqualTo("grace.hopper@example.org");
		assertThat(placement.lines()).containsExactly(
				new OrderPlacement.Line("MUG-0042", "Compiler mug, 330 ml", 2, Money.of(1250, "EUR"),
						Money.of(2500, "EUR")),
				new OrderPlacement.Line("TEE-0007-L", "Nanosecond T-shirt (L)", 1, Money.of(1700, "EUR"),
						Money.of(1700, "EUR")));
		assertThat(placement.subtotal()).isEqualTo(Money.of(4200, "EUR"));
		assertThat(placement.tax()).isEqualTo(Money.of(798, "EUR"));
		assertThat(placement.total()).isEqualTo(Money.of(4998, "EUR"));
		assertThat(placement.currency()).isEqualTo("EUR");
		assertThat(placement.placedAt()).hasToString("2026-11-23T09:16:02.123456Z");
	}

	@Test
	void theSameRandomOrderReadsAlikeFromEitherVersion() {
		for (long seed = 0; seed < 50; seed++) {
			OrderPlacement fromV1 = OrderPlacements.from(new TestEvents(seed).orderPlacedV1()).orElseThrow();
			OrderPlacement fromV2 = OrderPlacements.from(new TestEvents(seed).orderPlacedV2()).orElseThrow();

			assertThat(fromV1).as("seed %d", seed)
				.usingRecursiveComparison()
				.ignoringFields("orderId", "sourceVersion")
				.isEqualTo(fromV2);
		}
	}

	@Test
	void aConsumerReadsPlacementsStraightFromTheTopicWhateverTheVersion() {
		EventEncoder encoder = new EventEncoder();
		EventDecoder decoder = EventDecoder.lenient();
		OrderPlacedV1 v1 = new TestEvents(5).orderPlacedV1();
		OrderPlacedV2 v2 = new TestEvents(6).orderPlacedV2();

		for (OrderEvent event : new OrderEvent[] { v1, v2 }) {
			OutgoingEvent outgoing = encoder.encode(event, EventMetadata.newEvent(URI.create("/order-service")));
			OrderPlacement placement = decoder.decode(outgoing.toProducerRecord().headers(), outgoing.value())
				.flatMap((incoming) -> OrderPlacements.from(incoming.event()))
				.orElseThrow();

			assertThat(placement.orderId()).isEqualTo(event.orderId());
			assertThat(placement.placedAt()).isEqualTo(event.occurredAt());
		}
	}

	@Test
	void otherEventsAreNotPlacements() {
		assertThat(OrderPlacements.from(new TestEvents(8).orderCancelledV1())).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> this.placements.read(EventType.ORDER_CANCELLED_V1,
				TestResources.bytes("samples/order.cancelled.v1/full.json")));
	}

}

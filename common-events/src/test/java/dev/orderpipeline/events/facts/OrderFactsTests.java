package dev.orderpipeline.events.facts;

import java.net.URI;

import dev.orderpipeline.events.EventDeserializer;
import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.IntegrationEvent;
import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.TestEvents;
import dev.orderpipeline.events.TestResources;
import dev.orderpipeline.events.kafka.EventDecoder;
import dev.orderpipeline.events.kafka.EventEncoder;
import dev.orderpipeline.events.kafka.EventMetadata;
import dev.orderpipeline.events.kafka.IncomingEvent;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered type and version reads into its fact, and two versions of the same
 * event read into the same fact: the golden samples of v1 and v2 describe the same
 * orders.
 */
class OrderFactsTests {

	private final EventDeserializer deserializer = new EventDeserializer();

	@ParameterizedTest
	@EnumSource(EventType.class)
	void everyRegisteredTypeReadsIntoAFactOfItsKind(EventType type) {
		OrderFact fact = OrderFacts.of(new TestEvents(type.ordinal()).any(type));

		assertThat(fact)
			.isInstanceOf(type.typeName().equals("order.placed") ? OrderPlaced.class : OrderCancelled.class);
		assertThat(fact.sourceVersion()).isEqualTo(type.majorVersion());
	}

	@ParameterizedTest
	@ValueSource(strings = { "minimal", "full" })
	void v1AndV2OfTheSamePlacementReadAsTheSameFact(String sample) {
		OrderFact fromV1 = read(EventType.ORDER_PLACED_V1, sample);
		OrderFact fromV2 = read(EventType.ORDER_PLACED_V2, sample);

		assertThat(fromV1).usingRecursiveComparison().ignoringFields("sourceVersion").isEqualTo(fromV2);
	}

	@Test
	void theFullV2PlacementReadsWithEveryValueInPlace() {
		OrderPlaced placed = (OrderPlaced) read(EventType.ORDER_PLACED_V2, "full");

		assertThat(placed.orderId()).hasToString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
		assertThat(placed.sequence()).isEqualTo(1);
		assertThat(placed.tenantId()).isEqualTo("acme");
		assertThat(placed.customerId()).isEqualTo("c-2002");
		assertThat(placed.customerEmail()).isEqualTo("grace.hopper@example.org");
		assertThat(placed.lines()).containsExactly(
				new OrderDetails.Line("MUG-0042", "Compiler mug, 330 ml", 2, Money.of(1250, "EUR"),
						Money.of(2500, "EUR")),
				new OrderDetails.Line("TEE-0007-L", "Nanosecond T-shirt (L)", 1, Money.of(1700, "EUR"),
						Money.of(1700, "EUR")));
		assertThat(placed.subtotal()).isEqualTo(Money.of(4200, "EUR"));
		assertThat(placed.tax()).isEqualTo(Money.of(798, "EUR"));
		assertThat(placed.total()).isEqualTo(Money.of(4998, "EUR"));
		assertThat(placed.currency()).isEqualTo("EUR");
		assertThat(placed.placedAt()).hasToString("2026-11-23T09:16:02.123456Z");
	}

	@Test
	void aV2CancellationCarriesTheOrderAsPlacedAndTheReason() {
		OrderPlaced placed = (OrderPlaced) read(EventType.ORDER_PLACED_V2, "full");
		OrderCancelled cancelled = (OrderCancelled) read(EventType.ORDER_CANCELLED_V2, "full");

		assertThat(cancelled.orderId()).isEqualTo(placed.orderId());
		assertThat(cancelled.tenantId()).isEqualTo("acme");
		assertThat(cancelled.reason()).isEqualTo("Customer found a cheaper mug");
		assertThat(cancelled.order()).contains(placed.order());
		assertThat(cancelled.cancelledAt()).hasToString("2026-11-23T10:05:12.500Z");
	}

	@ParameterizedTest
	@ValueSource(strings = { "minimal", "full" })
	void v1AndV2OfTheSameCancellationReleaseTheSameStock(String sample) {
		OrderCancelled fromV1 = (OrderCancelled) read(EventType.ORDER_CANCELLED_V1, sample);
		OrderCancelled fromV2 = (OrderCancelled) read(EventType.ORDER_CANCELLED_V2, sample);

		assertThat(fromV1.order()).isEmpty();
		assertThat(fromV2.releasedLines()).isEqualTo(fromV1.releasedLines());
		assertThat(fromV2.reason()).isEqualTo(fromV1.reason());
		assertThat(fromV2.tenantId()).isEqualTo(fromV1.tenantId());
	}

	@Test
	void theSameRandomOrderReadsAlikeFromEitherPlacementVersion() {
		for (long seed = 0; seed < 50; seed++) {
			OrderFact fromV1 = OrderFacts.of(new TestEvents(seed).orderPlacedV1());
			OrderFact fromV2 = OrderFacts.of(new TestEvents(seed).orderPlacedV2());

			assertThat(fromV1).as("seed %d", seed)
				.usingRecursiveComparison()
				.ignoringFields("orderId", "sourceVersion")
				.isEqualTo(fromV2);
		}
	}

	@Test
	void theDecoderHandsOverTheFactDecodedOnce() {
		EventEncoder encoder = new EventEncoder();
		EventDecoder decoder = EventDecoder.lenient();
		for (EventType type : EventType.values()) {
			IntegrationEvent event = new TestEvents(40 + type.ordinal()).any(type);
			OutgoingEvent outgoing = encoder.encode(event, EventMetadata.newEvent(URI.create("/order-service")));

			IncomingEvent incoming = decoder.decode(outgoing.toProducerRecord().headers(), outgoing.value())
				.orElseThrow();

			assertThat(incoming.fact()).as(type.wireType()).isEqualTo(OrderFacts.of(event));
			assertThat(incoming.fact().orderId()).hasToString(event.subject());
			assertThat(incoming.fact().occurredAt()).isEqualTo(event.occurredAt());
		}
	}

	private OrderFact read(EventType type, String sample) {
		return OrderFacts.of(this.deserializer.deserialize(type,
				TestResources.bytes(type.samplesFolder() + "/" + sample + ".json")));
	}

}

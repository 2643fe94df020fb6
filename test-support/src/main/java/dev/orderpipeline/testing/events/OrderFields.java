package dev.orderpipeline.testing.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The mutable state behind one immutable {@link TestOrder}, with the kit's defaults;
 * copied on every change.
 */
final class OrderFields {

	UUID id = UUID.randomUUID();

	String tenant = TestOrders.TENANT;

	String customerId = "c-1";

	String email = "ada@example.com";

	String currency = "EUR";

	List<TestLine> lines = new ArrayList<>();

	Long tax;

	int taxPercent;

	Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

	Instant cancelledAt;

	String reason = "changed my mind";

	long placedSequence = 1;

	long cancelledSequence = 2;

	int version = 2;

	String traceparent;

	boolean schemaChecked = true;

	OrderFields copy() {
		OrderFields copy = new OrderFields();
		copy.id = this.id;
		copy.tenant = this.tenant;
		copy.customerId = this.customerId;
		copy.email = this.email;
		copy.currency = this.currency;
		copy.lines = new ArrayList<>(this.lines);
		copy.tax = this.tax;
		copy.taxPercent = this.taxPercent;
		copy.placedAt = this.placedAt;
		copy.cancelledAt = this.cancelledAt;
		copy.reason = this.reason;
		copy.placedSequence = this.placedSequence;
		copy.cancelledSequence = this.cancelledSequence;
		copy.version = this.version;
		copy.traceparent = this.traceparent;
		copy.schemaChecked = this.schemaChecked;
		return copy;
	}

}

package dev.orderpipeline.notification.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.orderpipeline.consumer.EventHandler;
import dev.orderpipeline.consumer.ReceivedEvent;
import dev.orderpipeline.events.facts.OrderCancelled;
import dev.orderpipeline.events.facts.OrderPlaced;
import dev.orderpipeline.notification.delivery.EmailDelivery;
import dev.orderpipeline.notification.orders.NotificationRecords.Contact;
import dev.orderpipeline.notification.orders.NotificationRecords.NewNotification;

import org.springframework.stereotype.Component;

/**
 * Records the email each order event warrants, rendered: a confirmation when an order is
 * placed, a cancellation email when it is cancelled. Nothing is sent here.
 * <p>
 * Why not send inside this handler: the runtime applies a batch in one transaction and,
 * when one event fails, re-applies the events before it one by one, so an email sent from
 * here could go out again for every retry of its batch, and a send whose transaction then
 * fails to commit would go out again on redelivery. An SMTP call also cannot join the
 * transaction. Instead the row written here (status PENDING, unique on the event id,
 * committed with the runtime's inbox row) is the promise to send, and
 * {@link EmailDelivery} keeps it after the commit. A redelivered event finds its id in
 * the inbox and never reaches this class.
 * <p>
 * The runtime hands an order's events over in sequence order (a cancellation that arrives
 * first waits for its placement), so the cancellation email finds the recipient the
 * confirmation recorded. A cancellation from {@code order.cancelled.v2} on carries the
 * order itself, and its copy is used first.
 */
@Component
class OrderNotifications implements EventHandler {

	private final NotificationRecords records;

	private final EmailDelivery delivery;

	OrderNotifications(NotificationRecords records, EmailDelivery delivery) {
		this.records = records;
		this.delivery = delivery;
	}

	@Override
	public void handle(List<ReceivedEvent> events) {
		List<ReceivedEvent> placements = events.stream().filter((e) -> e.fact() instanceof OrderPlaced).toList();
		List<ReceivedEvent> cancellations = events.stream().filter((e) -> e.fact() instanceof OrderCancelled).toList();
		if (!placements.isEmpty()) {
			confirm(placements);
		}
		if (!cancellations.isEmpty()) {
			announceCancellations(cancellations);
		}
		if (!placements.isEmpty() || !cancellations.isEmpty()) {
			this.delivery.sendSoonAfterCommit();
		}
	}

	private void confirm(List<ReceivedEvent> placements) {
		this.records.recordContacts(placements.stream().map((event) -> (OrderPlaced) event.fact()).toList());
		this.records.insert(placements.stream().map((event) -> {
			OrderPlaced placement = (OrderPlaced) event.fact();
			return new NewNotification(UUID.fromString(event.id()), placement.orderId(), placement.tenantId(),
					"ORDER_CONFIRMATION", placement.customerEmail(), OrderEmails.confirmation(placement));
		}).toList());
	}

	private void announceCancellations(List<ReceivedEvent> cancellations) {
		Map<UUID, Contact> contacts = this.records
			.contacts(cancellations.stream().map((e) -> e.fact().orderId()).distinct().toList());
		List<NewNotification> notifications = new ArrayList<>();
		for (ReceivedEvent event : cancellations) {
			OrderCancelled cancelled = (OrderCancelled) event.fact();
			// The event's own copy of the order first: it is there even when the
			// cancellation arrives before its placement.
			Optional<Contact> contact = cancelled.order()
				.map((order) -> new Contact(order.customerEmail(), OrderSummary.of(order)))
				.or(() -> Optional.ofNullable(contacts.get(cancelled.orderId())));
			EmailContent email = OrderEmails.cancellation(cancelled, contact.map(Contact::summary));
			notifications.add(new NewNotification(UUID.fromString(event.id()), cancelled.orderId(),
					cancelled.tenantId(), "ORDER_CANCELLATION", contact.map(Contact::email).orElse(null), email));
		}
		this.records.insert(notifications);
	}

}

package dev.orderpipeline.notification.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.facts.OrderCancelled;
import dev.orderpipeline.events.facts.OrderDetails;
import dev.orderpipeline.events.facts.OrderPlaced;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderEmailsTests {

	private static final UUID ORDER = UUID.fromString("6f1c1d52-3b1e-4c55-9a55-0c2b1b7a4e10");

	@Test
	void formatsAmountsWithTheCurrencysOwnFractionDigits() {
		assertThat(Amounts.format(Money.of(1999, "EUR"))).isEqualTo("19.99 EUR");
		assertThat(Amounts.format(Money.of(5, "EUR"))).isEqualTo("0.05 EUR");
		assertThat(Amounts.format(Money.of(500, "JPY"))).isEqualTo("500 JPY");
		assertThat(Amounts.format(Money.of(1234, "BHD"))).isEqualTo("1.234 BHD");
		assertThat(Amounts.format(Money.of(Long.MAX_VALUE, "EUR"))).isEqualTo("92233720368547758.07 EUR");
	}

	@Test
	void escapesEveryEventValueInTheHtmlButNotInTheText() {
		EmailContent email = OrderEmails.confirmation(placement("<script>alert('x')</script>", "SKU\"&"));

		assertThat(email.html()).doesNotContain("<script>")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.contains("SKU&quot;&amp;");
		assertThat(email.text()).contains("1 x <script>alert('x')</script> (SKU\"&) at 3.00 EUR = 3.00 EUR");
	}

	@Test
	void aCancellationWithoutThePlacementListsTheReleasedLines() {
		OrderCancelled cancelled = new OrderCancelled(ORDER, 2, "default",
				List.of(new OrderCancelled.ReleasedLine("<SKU>", 3)), Instant.EPOCH, null, Optional.empty(), 1);

		EmailContent email = OrderEmails.cancellation(cancelled, Optional.empty());

		assertThat(email.subject()).isEqualTo("Your order " + ORDER + " was cancelled");
		assertThat(email.text()).contains("3 x <SKU>").doesNotContain("Reason");
		assertThat(email.html()).contains("<li>3 x &lt;SKU&gt;</li>");
	}

	private static OrderPlaced placement(String productName, String sku) {
		Money price = Money.of(300, "EUR");
		return new OrderPlaced(ORDER, 1, "default", new OrderDetails("c-1", "ada@example.com",
				List.of(new OrderDetails.Line(sku, productName, 1, price, price)), price, Money.of(0, "EUR"), price),
				Instant.EPOCH, 1);
	}

}

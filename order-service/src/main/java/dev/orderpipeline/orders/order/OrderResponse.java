package dev.orderpipeline.orders.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orderpipeline.orders.order.domain.Order;
import dev.orderpipeline.orders.order.domain.OrderLine;
import dev.orderpipeline.orders.order.domain.OrderStatus;
import dev.orderpipeline.orders.web.MoneyJson;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "Order")
record OrderResponse(UUID id, OrderStatus status, String tenantId, String customerId, String customerEmail,
		String currency, List<Line> lines, MoneyJson subtotal,
		@Schema(description = "Tax on the subtotal at the configured rate, rounded half-up to the minor unit") MoneyJson tax,
		MoneyJson total, Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant cancelledAt,
		@Schema(description = "Why the order was cancelled, as given by the caller") @JsonInclude(JsonInclude.Include.NON_NULL) String cancelReason) {

	static OrderResponse of(Order order) {
		return new OrderResponse(order.id(), order.status(), order.tenantId(), order.customerId(),
				order.customerEmail(), order.currency().getCurrencyCode(),
				order.lines().stream().map(Line::of).toList(), MoneyJson.of(order.subtotal()),
				MoneyJson.of(order.tax()), MoneyJson.of(order.total()), order.createdAt(), order.cancelledAt(),
				order.cancelReason());
	}

	@Schema(name = "OrderLine")
	record Line(int lineNumber, String sku, String name, int quantity, MoneyJson unitPrice, MoneyJson lineTotal) {

		static Line of(OrderLine line) {
			return new Line(line.lineNumber(), line.sku(), line.productName(), line.quantity(),
					MoneyJson.of(line.unitPrice()), MoneyJson.of(line.lineTotal()));
		}

	}

}

package dev.orderpipeline.orders.catalog;

import dev.orderpipeline.orders.catalog.domain.ProductStock;
import dev.orderpipeline.orders.web.MoneyJson;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "Product")
record ProductResponse(String sku, String name, MoneyJson price, boolean active, long onHand, long reserved,
		@Schema(description = "onHand - reserved: what can still be ordered") long available) {

	static ProductResponse of(ProductStock product) {
		return new ProductResponse(product.product().sku(), product.product().name(),
				MoneyJson.of(product.product().price()), product.product().active(), product.stock().onHand(),
				product.stock().reserved(), product.stock().available());
	}

}

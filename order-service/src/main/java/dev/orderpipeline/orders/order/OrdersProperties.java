package dev.orderpipeline.orders.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of order placement.
 *
 * @param pricing how orders are priced
 * @param limits bounds on the shape of one order
 */
@ConfigurationProperties("orders")
record OrdersProperties(@DefaultValue Pricing pricing, @DefaultValue Limits limits) {

	/**
	 * @param taxRateBasisPoints tax on the subtotal in basis points (2000 = 20 %),
	 * rounded half-up to the minor unit
	 */
	record Pricing(@DefaultValue("2000") int taxRateBasisPoints) {

	}

	/**
	 * @param maxLines most lines one order may have
	 * @param minQuantity smallest quantity of one line
	 * @param maxQuantity largest quantity of one line
	 */
	record Limits(@DefaultValue("100") int maxLines, @DefaultValue("1") int minQuantity,
			@DefaultValue("1000") int maxQuantity) {

	}

}

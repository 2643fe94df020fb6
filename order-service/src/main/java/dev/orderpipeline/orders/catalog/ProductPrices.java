package dev.orderpipeline.orders.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.orderpipeline.orders.catalog.domain.ProductPrice;
import dev.orderpipeline.orders.money.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalog as order placement sees it: one query for all SKUs of an order. */
@Repository
public class ProductPrices {

	private final JdbcClient jdbc;

	ProductPrices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Map<String, ProductPrice> of(Collection<String> skus) {
		Map<String, ProductPrice> prices = new HashMap<>();
		this.jdbc.sql("select sku, name, price_minor, currency, active from product where sku = any(?)")
			.param(skus.toArray(String[]::new))
			.query((rs, row) -> new ProductPrice(rs.getString("sku"), rs.getString("name"),
					Money.of(rs.getLong("price_minor"), rs.getString("currency")), rs.getBoolean("active")))
			.list()
			.forEach((price) -> prices.put(price.sku(), price));
		return prices;
	}

}

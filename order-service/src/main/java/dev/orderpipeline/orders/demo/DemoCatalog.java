package dev.orderpipeline.orders.demo;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A small catalog with stock for the local run (profile {@code demo}). Products that
 * already exist are left as they are, so restarts never reset prices or stock.
 */
@Component
@Profile("demo")
class DemoCatalog implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoCatalog.class);

	private static final List<DemoProduct> PRODUCTS = List.of(
			new DemoProduct("SKU-1", "Espresso beans 1 kg", 2490, 500),
			new DemoProduct("SKU-2", "Filter coffee 500 g", 1190, 500),
			new DemoProduct("SKU-3", "Ceramic mug", 1450, 200), new DemoProduct("SKU-4", "Hand grinder", 5900, 50),
			new DemoProduct("SKU-5", "Milk frother", 3499, 80),
			new DemoProduct("SKU-6", "Paper filters (100)", 399, 1000));

	private final JdbcClient jdbc;

	DemoCatalog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		int added = 0;
		for (DemoProduct product : PRODUCTS) {
			added += this.jdbc.sql("""
					insert into product (sku, name, price_minor, currency, active) values (?, ?, ?, 'EUR', true)
					on conflict (sku) do nothing""")
				.params(product.sku(), product.name(), product.priceCents())
				.update();
			this.jdbc.sql("insert into stock (sku, on_hand, reserved) values (?, ?, 0) on conflict (sku) do nothing")
				.params(product.sku(), product.onHand())
				.update();
		}
		logger.info("Demo catalog: {} of {} products added", added, PRODUCTS.size());
	}

	private record DemoProduct(String sku, String name, long priceCents, long onHand) {

	}

}

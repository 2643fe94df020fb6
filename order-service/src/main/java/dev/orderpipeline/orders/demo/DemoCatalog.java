package dev.orderpipeline.orders.demo;

import java.util.List;

import dev.orderpipeline.orders.catalog.ProductAlreadyExistsException;
import dev.orderpipeline.orders.catalog.ProductCatalog;
import dev.orderpipeline.orders.catalog.domain.Product;
import dev.orderpipeline.orders.money.Money;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A small catalog with stock for the local run (profile {@code demo}). Products that
 * already exist are left as they are, so restarts never reset prices or stock. It goes
 * through the catalog like an administrator would: the catalog owns the product and stock
 * tables.
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

	private final ProductCatalog catalog;

	DemoCatalog(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	// One transaction per call of the catalog: a product that exists already fails only
	// its own creation.
	@Override
	public void run(ApplicationArguments args) {
		int added = 0;
		for (DemoProduct product : PRODUCTS) {
			try {
				this.catalog
					.create(new Product(product.sku(), product.name(), Money.of(product.priceCents(), "EUR"), true));
			}
			catch (ProductAlreadyExistsException ex) {
				continue;
			}
			this.catalog.setOnHand(product.sku(), product.onHand());
			added++;
		}
		logger.info("Demo catalog: {} of {} products added", added, PRODUCTS.size());
	}

	private record DemoProduct(String sku, String name, long priceCents, long onHand) {

	}

}

package dev.orderpipeline.orders.catalog;

public class ProductNotFoundException extends RuntimeException {

	public ProductNotFoundException(String sku) {
		super("No product " + sku);
	}

}

package dev.orderpipeline.orders.catalog;

public class ProductAlreadyExistsException extends RuntimeException {

	public ProductAlreadyExistsException(String sku) {
		super("Product " + sku + " already exists");
	}

}

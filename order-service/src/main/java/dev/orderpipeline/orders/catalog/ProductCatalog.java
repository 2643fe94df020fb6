package dev.orderpipeline.orders.catalog;

import java.util.List;

import dev.orderpipeline.orders.catalog.domain.Product;
import dev.orderpipeline.orders.catalog.domain.ProductStock;
import dev.orderpipeline.orders.catalog.domain.StockLevel;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Products and their stock, as the catalog administrators and shoppers see them. */
@Service
public class ProductCatalog {

	private final CatalogRepository repository;

	private final StockRepository stock;

	ProductCatalog(CatalogRepository repository, StockRepository stock) {
		this.repository = repository;
		this.stock = stock;
	}

	@Transactional(readOnly = true)
	public ProductStock get(String sku) {
		return this.repository.find(sku).orElseThrow(() -> new ProductNotFoundException(sku));
	}

	@Transactional(readOnly = true)
	public List<ProductStock> list(int offset, int limit) {
		return this.repository.list(offset, limit);
	}

	/** Creates a product with no stock. */
	@Transactional
	public ProductStock create(Product product) {
		if (!this.repository.insert(product)) {
			throw new ProductAlreadyExistsException(product.sku());
		}
		this.stock.addEmpty(product.sku());
		return new ProductStock(product, new StockLevel(0, 0));
	}

	@Transactional
	public ProductStock update(Product product) {
		if (!this.repository.update(product)) {
			throw new ProductNotFoundException(product.sku());
		}
		return get(product.sku());
	}

	/**
	 * Sets the physical stock. The stock row is locked while checking, so no reservation
	 * can slip in between the check and the update.
	 */
	@Transactional
	public ProductStock setOnHand(String sku, long onHand) {
		StockLevel current = this.stock.lock(sku).orElseThrow(() -> new ProductNotFoundException(sku));
		if (!current.canSetOnHand(onHand)) {
			throw new StockBelowReservedException(sku, onHand, current.reserved());
		}
		this.stock.setOnHand(sku, onHand);
		return get(sku);
	}

}

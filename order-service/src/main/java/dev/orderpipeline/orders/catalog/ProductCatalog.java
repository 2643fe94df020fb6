package dev.orderpipeline.orders.catalog;

import java.util.List;

import dev.orderpipeline.orders.order.StockLevel;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Products and their stock, as the catalog administrators and shoppers see them. */
@Service
public class ProductCatalog {

	private final CatalogRepository repository;

	ProductCatalog(CatalogRepository repository) {
		this.repository = repository;
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
		ProductStock current = this.repository.findForUpdate(sku).orElseThrow(() -> new ProductNotFoundException(sku));
		if (!current.stock().canSetOnHand(onHand)) {
			throw new StockBelowReservedException(sku, onHand, current.stock().reserved());
		}
		this.repository.setOnHand(sku, onHand);
		return new ProductStock(current.product(), new StockLevel(onHand, current.stock().reserved()));
	}

}

package dev.orderpipeline.orders.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.orderpipeline.orders.catalog.domain.Product;
import dev.orderpipeline.orders.catalog.domain.ProductStock;
import dev.orderpipeline.orders.catalog.domain.StockLevel;
import dev.orderpipeline.orders.money.Money;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code product} table, and products read with their stock. Stock rows are written
 * only by {@link StockRepository}.
 */
@Repository
class CatalogRepository {

	private static final String SELECT = """
			select p.sku, p.name, p.price_minor, p.currency, p.active, s.on_hand, s.reserved
			  from product p join stock s on s.sku = p.sku""";

	private final JdbcClient jdbc;

	CatalogRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ProductStock> find(String sku) {
		return this.jdbc.sql(SELECT + " where p.sku = ?").param(sku).query(CatalogRepository::map).optional();
	}

	List<ProductStock> list(int offset, int limit) {
		return this.jdbc.sql(SELECT + " order by p.sku limit ? offset ?")
			.params(limit, offset)
			.query(CatalogRepository::map)
			.list();
	}

	/**
	 * @return {@code false} if a product with this SKU already exists
	 */
	boolean insert(Product product) {
		int inserted = this.jdbc.sql("""
				insert into product (sku, name, price_minor, currency, active) values (?, ?, ?, ?, ?)
				on conflict (sku) do nothing""")
			.params(product.sku(), product.name(), product.price().amount(), product.price().currencyCode(),
					product.active())
			.update();
		return inserted == 1;
	}

	/**
	 * @return {@code false} if there is no such product
	 */
	boolean update(Product product) {
		return this.jdbc.sql("""
				update product set name = ?, price_minor = ?, currency = ?, active = ?, updated_at = now()
				 where sku = ?""")
			.params(product.name(), product.price().amount(), product.price().currencyCode(), product.active(),
					product.sku())
			.update() == 1;
	}

	private static ProductStock map(ResultSet rs, int row) throws SQLException {
		Product product = new Product(rs.getString("sku"), rs.getString("name"),
				Money.of(rs.getLong("price_minor"), rs.getString("currency")), rs.getBoolean("active"));
		return new ProductStock(product, new StockLevel(rs.getLong("on_hand"), rs.getLong("reserved")));
	}

}

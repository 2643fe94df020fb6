package dev.orderpipeline.orders.demo;

import dev.orderpipeline.orders.catalog.ProductCatalog;
import dev.orderpipeline.testing.WithRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class DemoCatalogTest {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ProductCatalog catalog;

	@Autowired
	ApplicationContext context;

	@Test
	void isNotLoadedWithoutTheDemoProfile() {
		assertThat(this.context.getBeanNamesForType(DemoCatalog.class)).isEmpty();
	}

	@Test
	void loadsSixStockedProductsAndLeavesThemAloneOnRestart() {
		DemoCatalog demo = new DemoCatalog(this.catalog);
		demo.run(new DefaultApplicationArguments());
		this.jdbc.update("update stock set on_hand = 7 where sku = 'SKU-1'");

		demo.run(new DefaultApplicationArguments());

		assertThat(this.jdbc.queryForObject(
				"select count(*) from product p join stock s on s.sku = p.sku where p.sku like 'SKU-_' and p.active",
				Integer.class))
			.isEqualTo(6);
		assertThat(this.jdbc.queryForObject("select on_hand from stock where sku = 'SKU-1'", Long.class)).isEqualTo(7);
	}

}

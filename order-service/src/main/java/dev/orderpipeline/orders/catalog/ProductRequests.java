package dev.orderpipeline.orders.catalog;

import dev.orderpipeline.orders.catalog.domain.Product;
import dev.orderpipeline.orders.web.MoneyJson;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Bodies of the catalog administration endpoints. */
final class ProductRequests {

	private ProductRequests() {
	}

	@Schema(name = "CreateProductRequest")
	record Create(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+",
			message = "may contain only letters, digits, '.', '_' and '-'") @Schema(example = "SKU-1") String sku,
			@NotBlank @Size(max = 200) @Schema(example = "Espresso beans 1 kg") String name,
			@NotNull @Valid MoneyJson price, @Schema(description = "Defaults to true") Boolean active) {

		Product toProduct() {
			return new Product(this.sku, this.name, this.price.toMoney("price"), this.active == null || this.active);
		}

	}

	@Schema(name = "UpdateProductRequest")
	record Update(@NotBlank @Size(max = 200) String name, @NotNull @Valid MoneyJson price, @NotNull Boolean active) {

		Product toProduct(String sku) {
			return new Product(sku, this.name, this.price.toMoney("price"), this.active);
		}

	}

	@Schema(name = "SetStockRequest")
	record SetStock(@NotNull @PositiveOrZero @Schema(example = "100") Long onHand) {

	}

}

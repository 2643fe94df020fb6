package dev.orderpipeline.orders.catalog;

import java.net.URI;

import dev.orderpipeline.orders.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/products", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Catalog", description = "Products and stock; POST and PUT are administration endpoints")
class ProductController {

	private final ProductCatalog catalog;

	ProductController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	@Operation(summary = "List products by SKU", description = "Pages are bounded: size 1..100.")
	Page<ProductResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		Page.check(page, size);
		return Page.of(this.catalog.list(page * size, size + 1), page, size, ProductResponse::of);
	}

	@GetMapping("/{sku}")
	@Operation(summary = "Read a product with its stock (onHand, reserved, available)")
	ProductResponse get(@PathVariable String sku) {
		return ProductResponse.of(this.catalog.get(sku));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create a product (with no stock)")
	ResponseEntity<ProductResponse> create(@Valid @RequestBody ProductRequests.Create request) {
		ProductResponse created = ProductResponse.of(this.catalog.create(request.toProduct()));
		return ResponseEntity.created(URI.create("/products/" + created.sku())).body(created);
	}

	@PutMapping(path = "/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Update a product's name, price and active flag")
	ProductResponse update(@PathVariable String sku, @Valid @RequestBody ProductRequests.Update request) {
		return ProductResponse.of(this.catalog.update(request.toProduct(sku)));
	}

	@PutMapping(path = "/{sku}/stock", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Set the physical stock of a product",
			description = "Refused with 409 when onHand would drop below what placed orders have reserved.")
	ProductResponse setStock(@PathVariable String sku, @Valid @RequestBody ProductRequests.SetStock request) {
		return ProductResponse.of(this.catalog.setOnHand(sku, request.onHand()));
	}

}

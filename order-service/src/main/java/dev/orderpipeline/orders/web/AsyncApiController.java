package dev.orderpipeline.orders.web;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.orderpipeline.events.EventType;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves the AsyncAPI document of {@code order-events} and the JSON Schemas it
 * references, straight from the {@code common-events} jar. The paths mirror the jar's
 * layout ({@code asyncapi/} beside {@code schemas/}), so the document's relative
 * references ({@code ../schemas/...}) resolve over HTTP as they do in the jar.
 */
@RestController
@Hidden
class AsyncApiController {

	static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private static final Resource DOCUMENT = new ClassPathResource("asyncapi/order-events.asyncapi.yaml");

	// Only the schemas of known event types: a file name never reaches the classpath
	// lookup unchecked.
	private static final Map<String, Resource> SCHEMAS = Arrays.stream(EventType.values())
		.map(EventType::schemaResource)
		.collect(Collectors.toUnmodifiableMap((path) -> path.substring(path.lastIndexOf('/') + 1),
				(Function<String, Resource>) ClassPathResource::new));

	@GetMapping("/asyncapi/order-events.asyncapi.yaml")
	ResponseEntity<Resource> document() {
		return ResponseEntity.ok().contentType(YAML).body(DOCUMENT);
	}

	@GetMapping("/schemas/{file}")
	ResponseEntity<Resource> schema(@PathVariable String file) {
		Resource schema = SCHEMAS.get(file);
		if (schema == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No schema named " + file);
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(schema);
	}

}

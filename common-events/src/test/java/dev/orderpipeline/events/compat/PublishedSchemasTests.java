package dev.orderpipeline.events.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.orderpipeline.events.JsonTrees;
import dev.orderpipeline.events.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails the build when a published schema changes in a way that breaks consumers or the
 * events already on the topic. {@code src/test/resources/published-schemas} holds the
 * schemas as last published; its README says how to update it.
 */
class PublishedSchemasTests {

	static List<String> publishedSchemas() {
		try (Stream<Path> files = Files.list(TestResources.path("published-schemas"))) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".schema.json"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("publishedSchemas")
	void thePublishedSchemaStillExistsAndOnlyChangedCompatibly(String file) {
		assertThat(TestResources.schemaFiles()).as("a published schema must never be deleted").contains(file);

		List<String> breakingChanges = SchemaCompatibility.breakingChanges(
				JsonTrees.parse(TestResources.bytes("published-schemas/" + file)),
				JsonTrees.parse(TestResources.bytes("schemas/" + file)));

		assertThat(breakingChanges)
			.as("%s changed incompatibly since it was published; add a new major version instead", file)
			.isEmpty();
	}

	@Test
	void everySchemaIsRecordedAsPublished() {
		assertThat(publishedSchemas()).as("copy new schemas into src/test/resources/published-schemas")
			.containsExactlyInAnyOrderElementsOf(TestResources.schemaFiles());
	}

}

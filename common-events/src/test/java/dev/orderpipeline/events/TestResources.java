package dev.orderpipeline.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** Reads resources of this module from the test class path. */
public final class TestResources {

	private TestResources() {
	}

	public static Path path(String resource) {
		URL url = TestResources.class.getClassLoader().getResource(resource);
		if (url == null) {
			throw new IllegalArgumentException("No resource " + resource);
		}
		try {
			return Paths.get(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static byte[] bytes(String resource) {
		try {
			return Files.readAllBytes(path(resource));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String text(String resource) {
		return new String(bytes(resource), java.nio.charset.StandardCharsets.UTF_8);
	}

	/**
	 * The golden samples of a type, as resource names, sorted.
	 * @param type the event type
	 * @return the sample resources
	 */
	public static List<String> samples(EventType type) {
		try (Stream<Path> files = Files.list(path(type.samplesFolder()))) {
			return files.map((file) -> type.samplesFolder() + "/" + file.getFileName())
				.filter((name) -> name.endsWith(".json"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static List<String> schemaFiles() {
		try (Stream<Path> files = Files.list(path("schemas"))) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package dev.orderpipeline.infra.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A service of this repository as its module declares it: the folder, and what its
 * {@code src/main/resources/application.yml} says.
 *
 * @param name {@code spring.application.name}: the module folder, and for a consumer its
 * group id
 * @param port {@code server.port}
 * @param database {@code pipeline.database-name}, or {@code null} for a service without
 * one
 * @param directory the module folder
 * @param settings the whole of its application.yml, flattened to dotted keys (lists
 * indexed {@code key[0]}), for the few optional keys a launcher reads
 */
public record ServiceModule(String name, int port, String database, Path directory, Map<String, Object> settings) {

	public ServiceModule {
		settings = Map.copyOf(settings);
	}

	/** Whether its application.yml sets {@code key} (or anything below it). */
	public boolean configures(String key) {
		return this.settings.keySet()
			.stream()
			.anyMatch((k) -> k.equals(key) || k.startsWith(key + ".") || k.startsWith(key + "["));
	}

	/** A scalar setting as text. */
	public Optional<String> setting(String key) {
		return Optional.ofNullable(this.settings.get(key)).map(String::valueOf);
	}

	/** A list setting ({@code key[0]}, {@code key[1]}, ...), empty if unset. */
	public List<String> listSetting(String key) {
		return Stream.iterate(0, (i) -> this.settings.containsKey(key + "[" + i + "]"), (i) -> i + 1)
			.map((i) -> String.valueOf(this.settings.get(key + "[" + i + "]")))
			.toList();
	}

	/**
	 * The executable jar Spring Boot's plugin builds in {@code target/}
	 * ({@code <name>-<version>.jar}, not a {@code -plain.jar}).
	 * @throws IOException if there is none yet
	 */
	public Path executableJar() throws IOException {
		Path target = this.directory.resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files
				.filter((path) -> path.getFileName().toString().startsWith(this.name + "-")
						&& path.getFileName().toString().endsWith(".jar"))
				.filter((path) -> !path.getFileName().toString().endsWith("-plain.jar"))
				.sorted()
				.findFirst()
				.orElseThrow(() -> new IOException("No executable jar in " + target + "; build with ./mvnw install"));
		}
		catch (java.nio.file.NoSuchFileException ex) {
			throw new IOException("No " + target + "; build with ./mvnw install -DskipTests", ex);
		}
	}

}

package dev.orderpipeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One owner per table, over the whole repository: a table is created by the migrations of
 * exactly one module (consumer-runtime owns the inbox, sequence, hold, dead-letter and
 * purge tables every consumer database carries), only its owner's migrations alter it,
 * and only its owner's code writes it (among the modules with a schema: the services and
 * the runtime). Reads the sources, so a new module is covered as soon as it exists.
 */
class TableOwnershipTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern CREATE = Pattern.compile("create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");

	private static final Pattern ALTER = Pattern.compile("alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?(\\w+)");

	private static final Pattern WRITE = Pattern.compile("(?:insert\\s+into|update|delete\\s+from)\\s+(\\w+)");

	@Test
	void everyTableHasOneOwnerThatAloneChangesAndWritesIt() {
		Map<String, String> owners = new TreeMap<>();
		List<String> problems = new ArrayList<>();
		for (Path module : modules()) {
			for (Path migration : files(module.resolve("src/main/resources/db/migration"), ".sql")) {
				Matcher created = CREATE.matcher(read(migration));
				while (created.find()) {
					String previous = owners.putIfAbsent(created.group(1), name(module));
					if (previous != null && !previous.equals(name(module))) {
						problems.add(created.group(1) + " is created by " + previous + " and by " + name(module));
					}
				}
			}
		}
		assertThat(owners).as("tables found")
			.containsKeys("orders", "outbox_event", "processed_event", "order_document", "notification",
					"daily_order_totals");
		// The services and the runtime: modules with a schema of their own. Tools (the
		// benchmark's baselines) write throw-away copies of a schema and are not checked.
		for (Path module : modules()) {
			if (files(module.resolve("src/main/resources/db/migration"), ".sql").isEmpty()) {
				continue;
			}
			for (Path migration : files(module.resolve("src/main/resources/db/migration"), ".sql")) {
				check(ALTER, read(migration), owners, module, migration, "alters", problems);
			}
			for (Path source : files(module.resolve("src/main/java"), ".java")) {
				check(WRITE, read(source), owners, module, source, "writes", problems);
			}
		}
		assertThat(problems).as("tables touched by a module that does not own them").isEmpty();
	}

	private static void check(Pattern pattern, String text, Map<String, String> owners, Path module, Path file,
			String verb, List<String> problems) {
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			String owner = owners.get(matcher.group(1));
			// Words that are not tables ("update set", prose in comments) have no owner.
			if (owner != null && !owner.equals(name(module))) {
				problems.add(name(module) + " " + verb + " " + matcher.group(1) + " (owned by " + owner + ") in "
						+ ROOT.relativize(file));
			}
		}
	}

	private static List<Path> modules() {
		try (Stream<Path> children = Files.list(ROOT)) {
			return children.filter((child) -> Files.isRegularFile(child.resolve("pom.xml")))
				.filter((child) -> Files.isDirectory(child.resolve("src/main")))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Path> files(Path directory, String suffix) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).toLowerCase(Locale.ROOT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String name(Path module) {
		return module.getFileName().toString();
	}

}

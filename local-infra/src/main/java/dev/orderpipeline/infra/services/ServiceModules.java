package dev.orderpipeline.infra.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Finds the services of this repository by convention, so that nothing lists them by
 * hand: a <em>consumer</em> is a module named in the root pom's {@code <modules>} whose
 * pom depends on {@code consumer-runtime}, and its {@code application.yml} gives
 * {@code spring.application.name} (= the folder = the consumer group),
 * {@code server.port} and {@code pipeline.database-name}. The local run, the benchmark
 * and the deployment checks all read the consumers from here.
 */
public final class ServiceModules {

	/** The module every consumer service depends on. */
	public static final String CONSUMER_RUNTIME = "consumer-runtime";

	/** The one producer: known by name, read the same way. */
	public static final String ORDER_SERVICE = "order-service";

	private final Path root;

	private ServiceModules(Path root) {
		this.root = root;
	}

	/** The repository whose root pom is {@code root/pom.xml}. */
	public static ServiceModules in(Path root) {
		return new ServiceModules(root.toAbsolutePath().normalize());
	}

	/**
	 * The repository around {@code start}: the nearest directory at or above it whose pom
	 * lists modules (a test runs in its module's folder, the local run in the root).
	 */
	public static ServiceModules around(Path start) {
		for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
			Path pom = dir.resolve("pom.xml");
			if (Files.isRegularFile(pom) && !modulesOf(pom).isEmpty()) {
				return in(dir);
			}
		}
		throw new IllegalStateException("No aggregator pom.xml (with <modules>) at or above " + start);
	}

	public Path root() {
		return this.root;
	}

	/** The consumer services, in the order of the root pom's {@code <modules>}. */
	public List<ServiceModule> consumers() {
		List<ServiceModule> consumers = new ArrayList<>();
		for (String module : modulesOf(this.root.resolve("pom.xml"))) {
			Path pom = this.root.resolve(module).resolve("pom.xml");
			if (Files.isRegularFile(pom) && dependsOn(pom, CONSUMER_RUNTIME)) {
				consumers.add(read(module));
			}
		}
		return consumers;
	}

	/** order-service, from its module as a consumer is read. */
	public ServiceModule orderService() {
		return read(ORDER_SERVICE);
	}

	/**
	 * One module's service, from its {@code src/main/resources/application.yml}.
	 * @throws IllegalStateException if the file is missing or breaks the convention
	 */
	public ServiceModule read(String module) {
		Path directory = this.root.resolve(module);
		Path file = directory.resolve("src/main/resources/application.yml");
		Map<String, Object> settings = flatten(loadYaml(file));
		String name = required(settings, "spring.application.name", file);
		if (!name.equals(module)) {
			throw new IllegalStateException(file + ": spring.application.name is '" + name
					+ "', but the convention wants the module folder's name '" + module + "'");
		}
		String port = required(settings, "server.port", file);
		try {
			Object database = settings.get("pipeline.database-name");
			return new ServiceModule(name, Integer.parseInt(port), (database != null) ? database.toString() : null,
					directory, settings);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(file + ": server.port is not a number: '" + port + "'", ex);
		}
	}

	private static String required(Map<String, Object> settings, String key, Path file) {
		Object value = settings.get(key);
		if (value == null || value.toString().isBlank()) {
			throw new IllegalStateException(file + " does not set " + key);
		}
		return value.toString();
	}

	private static Map<String, Object> loadYaml(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("No " + file);
		}
		try (InputStream in = Files.newInputStream(file)) {
			// As Spring Boot reads it: a key given twice is an error, not the last one
			// wins.
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(false);
			Object document = new Yaml(new SafeConstructor(options)).load(in);
			if (document instanceof Map<?, ?> map) {
				@SuppressWarnings("unchecked")
				Map<String, Object> typed = (Map<String, Object>) map;
				return typed;
			}
			return Map.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Spring's relaxed view of a YAML tree: nested keys joined with dots. */
	static Map<String, Object> flatten(Map<String, Object> tree) {
		Map<String, Object> flat = new LinkedHashMap<>();
		flatten("", tree, flat);
		return flat;
	}

	private static void flatten(String prefix, Object value, Map<String, Object> flat) {
		if (value instanceof Map<?, ?> map) {
			map.forEach(
					(key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child, flat));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), flat);
			}
		}
		else if (value != null) {
			flat.put(prefix, value);
		}
	}

	/** The {@code <module>} entries of an aggregator pom. */
	static List<String> modulesOf(Path pom) {
		Element project = parse(pom).getDocumentElement();
		List<String> modules = new ArrayList<>();
		child(project, "modules").ifPresent((element) -> children(element, "module")
			.forEach((module) -> modules.add(module.getTextContent().trim())));
		return modules;
	}

	/**
	 * Whether the pom's own {@code <dependencies>} (not its management) name the artifact
	 * for its main code: a test-scoped use (pipeline-checker's tests purge an inbox with
	 * the runtime) does not make a module a consumer service.
	 */
	static boolean dependsOn(Path pom, String artifactId) {
		Element project = parse(pom).getDocumentElement();
		return child(project, "dependencies").stream()
			.flatMap((dependencies) -> children(dependencies, "dependency").stream())
			.filter((dependency) -> child(dependency, "scope")
				.map((scope) -> !scope.getTextContent().trim().equals("test"))
				.orElse(true))
			.anyMatch((dependency) -> child(dependency, "artifactId")
				.map((id) -> id.getTextContent().trim().equals(artifactId))
				.orElse(false));
	}

	private static Document parse(Path pom) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(false);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(pom.toFile());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read " + pom + ": " + ex.getMessage(), ex);
		}
	}

	private static Optional<Element> child(Element parent, String name) {
		List<Element> found = children(parent, name);
		return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> found = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				found.add(element);
			}
		}
		return found;
	}

}

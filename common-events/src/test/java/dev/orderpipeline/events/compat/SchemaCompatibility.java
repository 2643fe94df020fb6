package dev.orderpipeline.events.compat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a published JSON Schema with its current revision and lists the changes that
 * break the contract for consumers or for events already on the topic. Conservative: only
 * adding an optional property and editing annotations (title, description, examples...)
 * is compatible; any other difference in a keyword it does not understand counts as
 * breaking.
 *
 * <ul>
 * <li>a removed property: consumers read it</li>
 * <li>a newly required property: events already published lack it</li>
 * <li>a property no longer required: consumers rely on its presence</li>
 * <li>any change of type, format, pattern, enum, bounds or {@code additionalProperties}:
 * old events may no longer validate, or new events may hold values consumers never
 * expected</li>
 * </ul>
 * {@code $ref}s are followed within each document, so moving a subschema into
 * {@code $defs} is not a change.
 */
final class SchemaCompatibility {

	private static final Set<String> ANNOTATIONS = Set.of("title", "description", "examples", "$comment", "deprecated",
			"default", "readOnly", "writeOnly", "$defs");

	private static final Set<String> STRUCTURAL = Set.of("properties", "required", "items", "$ref");

	private static final int MAX_DEPTH = 64;

	private SchemaCompatibility() {
	}

	/**
	 * The breaking changes from a published schema to its current revision.
	 * @param published the schema as published
	 * @param current the schema as it is now
	 * @return one message per breaking change, empty if the revision is compatible
	 */
	static List<String> breakingChanges(JsonNode published, JsonNode current) {
		List<String> changes = new ArrayList<>();
		compare(new Side(published, published), new Side(current, current), "$", 0, changes);
		return changes;
	}

	private static void compare(Side published, Side current, String path, int depth, List<String> changes) {
		if (depth > MAX_DEPTH) {
			changes.add(path + ": nesting too deep to check (recursive schema?)");
			return;
		}
		JsonNode before = published.resolved();
		JsonNode after = current.resolved();
		if (!before.isObject() || !after.isObject()) {
			if (!before.equals(after)) {
				changes.add(path + ": schema changed from " + before + " to " + after);
			}
			return;
		}
		compareKeywords(before, after, path, changes);
		compareRequired(before, after, path, changes);
		compareProperties(published, current, path, depth, changes);
		if (before.has("items") || after.has("items")) {
			compare(published.child(before.path("items")), current.child(after.path("items")), path + "[]", depth + 1,
					changes);
		}
	}

	private static void compareKeywords(JsonNode before, JsonNode after, String path, List<String> changes) {
		Set<String> keywords = new TreeSet<>();
		before.propertyNames().forEach(keywords::add);
		after.propertyNames().forEach(keywords::add);
		for (String keyword : keywords) {
			if (ANNOTATIONS.contains(keyword) || STRUCTURAL.contains(keyword)) {
				continue;
			}
			JsonNode was = before.path(keyword);
			JsonNode is = after.path(keyword);
			if (!was.equals(is)) {
				changes.add(path + ": '" + keyword + "' changed from " + describe(was) + " to " + describe(is));
			}
		}
	}

	private static void compareRequired(JsonNode before, JsonNode after, String path, List<String> changes) {
		Set<String> was = names(before.path("required"));
		Set<String> is = names(after.path("required"));
		for (String name : is) {
			if (!was.contains(name)) {
				changes.add(path + "." + name + ": newly required");
			}
		}
		for (String name : was) {
			if (!is.contains(name)) {
				changes.add(path + "." + name + ": no longer required");
			}
		}
	}

	private static void compareProperties(Side published, Side current, String path, int depth, List<String> changes) {
		JsonNode before = published.resolved().path("properties");
		JsonNode after = current.resolved().path("properties");
		for (Iterator<String> names = before.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			if (!after.has(name)) {
				changes.add(path + "." + name + ": removed");
			}
			else {
				compare(published.child(before.get(name)), current.child(after.get(name)), path + "." + name, depth + 1,
						changes);
			}
		}
	}

	private static Set<String> names(JsonNode array) {
		Set<String> names = new TreeSet<>();
		array.forEach((name) -> names.add(name.asString()));
		return names;
	}

	private static String describe(JsonNode node) {
		return node.isMissingNode() ? "(absent)" : node.toString();
	}

	/** A subschema together with the document its {@code $ref}s point into. */
	private record Side(JsonNode root, JsonNode node) {

		Side child(JsonNode child) {
			return new Side(this.root, child);
		}

		JsonNode resolved() {
			JsonNode current = this.node;
			for (int hops = 0; current.has("$ref") && hops < MAX_DEPTH; hops++) {
				String ref = current.get("$ref").asString();
				if (!ref.startsWith("#")) {
					throw new IllegalArgumentException("Only local $refs are supported, found " + ref);
				}
				JsonNode target = this.root.at(ref.substring(1));
				if (target.isMissingNode()) {
					throw new IllegalArgumentException("Unresolvable $ref " + ref);
				}
				current = mergeSiblings(current, target);
			}
			return current;
		}

		/**
		 * In 2020-12 the keywords beside a {@code $ref} apply as well as the target's.
		 */
		private static JsonNode mergeSiblings(JsonNode reference, JsonNode target) {
			ObjectNode merged = (ObjectNode) target.deepCopy();
			reference.properties().forEach((property) -> {
				String key = property.getKey();
				if (!key.equals("$ref")) {
					// Both the sibling and the target apply; keep both so either change
					// shows.
					merged.set(merged.has(key) ? "$ref sibling " + key : key, property.getValue());
				}
			});
			return merged;
		}

	}

}

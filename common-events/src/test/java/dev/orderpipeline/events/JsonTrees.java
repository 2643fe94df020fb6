package dev.orderpipeline.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Helpers for comparing JSON documents in tests. */
public final class JsonTrees {

	private JsonTrees() {
	}

	public static JsonNode parse(byte[] json) {
		return new EventDeserializer().readTree(json);
	}

	/**
	 * A copy without null-valued properties, because a producer may write an absent
	 * optional value either way and both mean the same.
	 * @param node the document
	 * @return the normalized copy
	 */
	public static JsonNode withoutNulls(JsonNode node) {
		JsonNode copy = node.deepCopy();
		strip(copy);
		return copy;
	}

	private static void strip(JsonNode node) {
		if (node instanceof ObjectNode object) {
			List<String> nulls = new ArrayList<>();
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				if (property.getValue().isNull()) {
					nulls.add(property.getKey());
				}
				else {
					strip(property.getValue());
				}
			}
			nulls.forEach(object::remove);
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(JsonTrees::strip);
		}
	}

}

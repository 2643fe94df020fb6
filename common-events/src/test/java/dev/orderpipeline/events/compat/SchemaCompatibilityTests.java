package dev.orderpipeline.events.compat;

import dev.orderpipeline.events.EventType;
import dev.orderpipeline.events.JsonTrees;
import dev.orderpipeline.events.TestResources;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker itself: what it must flag and what it must let through. */
class SchemaCompatibilityTests {

	private final JsonNode published = schema(EventType.ORDER_PLACED_V1);

	@Test
	void anUnchangedSchemaIsCompatible() {
		assertThat(SchemaCompatibility.breakingChanges(this.published, schema(EventType.ORDER_PLACED_V1))).isEmpty();
	}

	@Test
	void aNewOptionalPropertyIsCompatible() {
		ObjectNode current = copy();
		properties(current).putObject("salesChannel").put("type", "string");

		assertThat(SchemaCompatibility.breakingChanges(this.published, current)).isEmpty();
	}

	@Test
	void aNewOptionalPropertyInANestedDefinitionIsCompatible() {
		ObjectNode current = copy();
		((ObjectNode) current.at("/$defs/line/properties")).putObject("discount").put("$ref", "#/$defs/money");

		assertThat(SchemaCompatibility.breakingChanges(this.published, current)).isEmpty();
	}

	@Test
	void editedDescriptionsAndTitlesAreCompatible() {
		ObjectNode current = copy();
		current.put("description", "Reworded.");
		((ObjectNode) properties(current).get("sequence")).put("title", "Sequence number");

		assertThat(SchemaCompatibility.breakingChanges(this.published, current)).isEmpty();
	}

	@Test
	void movingASubschemaBehindARefIsCompatible() {
		ObjectNode current = copy();
		((ObjectNode) current.get("$defs")).set("email", properties(current).get("customerEmail"));
		properties(current).putObject("customerEmail").put("$ref", "#/$defs/email");

		assertThat(SchemaCompatibility.breakingChanges(this.published, current)).isEmpty();
	}

	@Test
	void aRemovedPropertyIsBreaking() {
		ObjectNode current = copy();
		properties(current).remove("customerEmail");
		((ArrayNode) current.get("required")).removeIf((name) -> name.asString().equals("customerEmail"));

		assertThat(SchemaCompatibility.breakingChanges(this.published, current)).contains("$.customerEmail: removed",
				"$.customerEmail: no longer required");
	}

	@Test
	void aRemovedOptionalPropertyIsBreaking() {
		JsonNode cancelled = schema(EventType.ORDER_CANCELLED_V1);
		ObjectNode current = (ObjectNode) cancelled.deepCopy();
		properties(current).remove("reason");

		assertThat(SchemaCompatibility.breakingChanges(cancelled, current)).containsExactly("$.reason: removed");
	}

	@Test
	void aTypeChangeIsBreaking() {
		ObjectNode current = copy();
		((ObjectNode) properties(current).get("sequence")).put("type", "string");

		assertThat(SchemaCompatibility.breakingChanges(this.published, current))
			.containsExactly("$.sequence: 'type' changed from \"integer\" to \"string\"");
	}

	@Test
	void aTypeChangeInsideASharedDefinitionIsBreakingWhereverItIsUsed() {
		ObjectNode current = copy();
		((ObjectNode) current.at("/$defs/money/properties/amount")).put("type", "number");

		assertThat(SchemaCompatibility.breakingChanges(this.published, current)).contains(
				"$.subtotal.amount: 'type' changed from \"integer\" to \"number\"",
				"$.lines[].unitPrice.amount: 'type' changed from \"integer\" to \"number\"");
	}

	@Test
	void aNewRequiredPropertyIsBreaking() {
		ObjectNode current = copy();
		properties(current).putObject("salesChannel").put("type", "string");
		((ArrayNode) current.get("required")).add("salesChannel");

		assertThat(SchemaCompatibility.breakingChanges(this.published, current))
			.containsExactly("$.salesChannel: newly required");
	}

	@Test
	void makingAnOptionalPropertyRequiredIsBreaking() {
		JsonNode cancelled = schema(EventType.ORDER_CANCELLED_V1);
		ObjectNode current = (ObjectNode) cancelled.deepCopy();
		((ArrayNode) current.get("required")).add("reason");

		assertThat(SchemaCompatibility.breakingChanges(cancelled, current)).containsExactly("$.reason: newly required");
	}

	@Test
	void changedConstraintsAreBreaking() {
		ObjectNode current = copy();
		((ObjectNode) current.at("/$defs/currency")).put("pattern", "^[A-Z]{3,4}$");
		((ObjectNode) properties(current).get("lines")).put("maxItems", 100);
		((ObjectNode) properties(current).get("placedAt")).remove("format");

		assertThat(SchemaCompatibility.breakingChanges(this.published, current)).contains(
				"$.currency: 'pattern' changed from \"^[A-Z]{3}$\" to \"^[A-Z]{3,4}$\"",
				"$.lines: 'maxItems' changed from (absent) to 100",
				"$.placedAt: 'format' changed from \"date-time\" to (absent)");
	}

	@Test
	void closingAnObjectToUnknownPropertiesIsBreaking() {
		ObjectNode current = copy();
		current.put("additionalProperties", false);

		assertThat(SchemaCompatibility.breakingChanges(this.published, current))
			.containsExactly("$: 'additionalProperties' changed from (absent) to false");
	}

	@Test
	void aChangedItemSchemaIsBreaking() {
		ObjectNode current = copy();
		((ObjectNode) properties(current).get("lines")).putObject("items").put("type", "string");

		assertThat(SchemaCompatibility.breakingChanges(this.published, current)).isNotEmpty()
			.anyMatch((change) -> change.startsWith("$.lines[]"));
	}

	@Test
	void keywordsTheCheckerDoesNotUnderstandMustNotChange() {
		ObjectNode current = copy();
		current.putArray("allOf").addObject().putArray("required").add("total");

		assertThat(SchemaCompatibility.breakingChanges(this.published, current))
			.containsExactly("$: 'allOf' changed from (absent) to [{\"required\":[\"total\"]}]");
	}

	@Test
	void v2IsNotACompatibleRevisionOfV1() {
		assertThat(SchemaCompatibility.breakingChanges(this.published, schema(EventType.ORDER_PLACED_V2))).contains(
				"$.customerId: removed", "$.customerEmail: removed", "$.currency: removed",
				"$.customer: newly required", "$.totals: newly required");
	}

	private ObjectNode copy() {
		return (ObjectNode) this.published.deepCopy();
	}

	private static ObjectNode properties(ObjectNode schema) {
		return (ObjectNode) schema.get("properties");
	}

	// The published copies, so these tests of the checker do not depend on today's
	// schemas.
	static JsonNode schema(EventType type) {
		return JsonTrees.parse(TestResources.bytes("published-schemas/" + type.wireType() + ".schema.json"));
	}

}

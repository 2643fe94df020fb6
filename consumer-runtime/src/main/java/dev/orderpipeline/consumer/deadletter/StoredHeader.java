package dev.orderpipeline.consumer.deadletter;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A header as stored in the {@code headers} column: name and base64 value. Base64 because
 * a header's value is bytes, and only bytes survive every producer's choice of encoding.
 *
 * @param name the header name
 * @param value the value, base64
 */
record StoredHeader(String name, String value) {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Every header of a record, in order, as the JSON the column holds. */
	static String toJson(Headers headers) {
		List<StoredHeader> stored = new ArrayList<>();
		for (Header header : headers) {
			stored.add(new StoredHeader(DeadLetterHeaders.storable(header.key()),
					Base64.getEncoder().encodeToString((header.value() != null) ? header.value() : new byte[0])));
		}
		return json.writeValueAsString(stored);
	}

	static List<StoredHeader> fromJson(String text) {
		return json.readValue(text, new TypeReference<List<StoredHeader>>() {
		});
	}

	byte[] rawValue() {
		return Base64.getDecoder().decode(this.value);
	}

}

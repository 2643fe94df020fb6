package dev.orderpipeline.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code POST /orders} requests: one to three lines of benchmark products, spread over
 * the clients.
 */
final class Orders implements LongFunction<HttpRequest> {

	private static final Pattern ORDER_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

	private final URI uri;

	private final List<String> skus;

	private final SimulatedClients clients;

	Orders(String baseUrl, List<String> skus, SimulatedClients clients) {
		this.uri = URI.create(baseUrl + "/orders");
		this.skus = skus;
		this.clients = clients;
	}

	@Override
	public HttpRequest apply(long sequence) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int lines = 1 + random.nextInt(3);
		List<String> chosen = new ArrayList<>();
		while (chosen.size() < lines) {
			String sku = this.skus.get(random.nextInt(this.skus.size()));
			if (!chosen.contains(sku)) {
				chosen.add(sku);
			}
		}
		String items = chosen.stream()
			.map((sku) -> "{\"sku\":\"" + sku + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}")
			.collect(Collectors.joining(","));
		int client = this.clients.clientOf(sequence);
		String body = "{" + this.clients.customerFields(client) + "\"currency\":\"EUR\",\"items\":[" + items + "]}";
		return this.clients.authorize(HttpRequest.newBuilder(this.uri), client)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	/** The order id of a 201 answer, or {@code null}. */
	static String idOf(String body) {
		Matcher matcher = ORDER_ID.matcher(body);
		return matcher.find() ? matcher.group(1) : null;
	}

}

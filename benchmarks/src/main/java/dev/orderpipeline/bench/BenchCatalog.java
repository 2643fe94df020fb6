package dev.orderpipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Products only the benchmark orders, with stock that will not run out, so every order is
 * a full placement (price, reserve, commit) rather than a quick 409.
 */
final class BenchCatalog {

	private BenchCatalog() {
	}

	static List<String> ensure(HttpClient http, String baseUrl, int size, SimulatedClients clients)
			throws IOException, InterruptedException {
		List<String> skus = new ArrayList<>();
		for (int i = 1; i <= size; i++) {
			String sku = String.format("BENCH-%04d", i);
			skus.add(sku);
			HttpResponse<String> created = http.send(json(clients, baseUrl + "/products", "POST",
					"{\"sku\":\"%s\",\"name\":\"Benchmark product %d\",\"price\":{\"amount\":%d,\"currency\":\"EUR\"},\"active\":true}"
						.formatted(sku, i, 100 + i * 7)),
					HttpResponse.BodyHandlers.ofString());
			if (created.statusCode() != 201 && created.statusCode() != 409) {
				throw new IOException("Creating " + sku + " failed: " + created.statusCode() + " " + created.body());
			}
			HttpResponse<String> stocked = http.send(
					json(clients, baseUrl + "/products/" + sku + "/stock", "PUT", "{\"onHand\": 1000000000}"),
					HttpResponse.BodyHandlers.ofString());
			if (stocked.statusCode() != 200) {
				throw new IOException("Stocking " + sku + " failed: " + stocked.statusCode() + " " + stocked.body());
			}
		}
		return skus;
	}

	private static HttpRequest json(SimulatedClients clients, String url, String method, String body) {
		return clients.asAdmin(HttpRequest.newBuilder(URI.create(url)))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

}

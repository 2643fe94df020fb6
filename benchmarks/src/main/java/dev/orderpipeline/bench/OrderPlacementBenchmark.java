package dev.orderpipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Order placement under constant arrival rates against a running order-service:
 * <ol>
 * <li>fixed rates (default 500 and 1,000 orders/s): p50/p99/p99.9 latency;</li>
 * <li>a ramp that finds the highest rate whose p99 stays under the target.</li>
 * </ol>
 * Usage:
 * {@code ./bench.sh placement [--base-url=http://localhost:8080] [--rates=500,1000]
 * [--duration=30] [--warmup=10] [--ramp=true] [--p99-target-ms=25]}.
 */
public final class OrderPlacementBenchmark {

	private OrderPlacementBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		String baseUrl = options.getOrDefault("base-url", "http://localhost:8080");
		List<Integer> rates = List.of(options.getOrDefault("rates", "500,1000").split(","))
			.stream()
			.map(String::trim)
			.map(Integer::parseInt)
			.toList();
		Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "30")));
		Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "10")));
		boolean ramp = Boolean.parseBoolean(options.getOrDefault("ramp", "true"));
		double p99TargetMs = Double.parseDouble(options.getOrDefault("p99-target-ms", "25"));

		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newFixedThreadPool(4))
			.build();
		List<String> skus = BenchCatalog.ensure(http, baseUrl, 200);
		OpenLoopLoad load = new OpenLoopLoad(http, orders(baseUrl, skus));
		List<LoadResult> results = new ArrayList<>();

		System.out.println("Warm-up: " + warmup.toSeconds() + " s at 300 orders/s");
		load.run("warm-up", 300, warmup, 201);
		for (int rate : rates) {
			LoadResult result = load.run("fixed-" + rate, rate, duration, 201);
			results.add(result);
			System.out.println(result.summary());
		}
		if (ramp) {
			LoadResult best = null;
			for (int rate = 500; rate <= 10_000; rate += rate < 2000 ? 250 : 500) {
				LoadResult step = load.run("ramp-" + rate, rate, Duration.ofSeconds(Math.min(15, duration.toSeconds())),
						201);
				results.add(step);
				System.out.println(step.summary());
				if (!step.keptUp() || step.percentileMillis(99) > p99TargetMs) {
					break;
				}
				best = step;
			}
			System.out.println(best == null ? "No ramp step met p99 <= " + p99TargetMs + " ms"
					: "Highest rate with p99 <= " + p99TargetMs + " ms: " + best.targetRate() + " orders/s (achieved "
							+ Math.round(best.achievedOkPerSecond()) + " ok/s)");
		}
		writeReport(results);
		System.exit(0);
	}

	private static LongFunction<HttpRequest> orders(String baseUrl, List<String> skus) {
		URI uri = URI.create(baseUrl + "/orders");
		return sequence -> {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			int lines = 1 + random.nextInt(3);
			List<String> chosen = new ArrayList<>();
			while (chosen.size() < lines) {
				String sku = skus.get(random.nextInt(skus.size()));
				if (!chosen.contains(sku)) {
					chosen.add(sku);
				}
			}
			String items = chosen.stream()
				.map(sku -> "{\"sku\":\"" + sku + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}")
				.collect(Collectors.joining(","));
			String body = "{\"customerId\":\"bench-" + (sequence % 5000) + "\",\"customerEmail\":\"bench-"
					+ (sequence % 5000) + "@example.com\",\"currency\":\"EUR\",\"items\":[" + items + "]}";
			return HttpRequest.newBuilder(uri)
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
		};
	}

	private static void writeReport(List<LoadResult> results) throws IOException {
		Path directory = Path.of("bench-results");
		Files.createDirectories(directory);
		Path file = directory.resolve("placement-" + Instant.now().toString().replace(':', '-') + ".json");
		Files.writeString(file,
				"{\"machine\":{\"cores\":" + Runtime.getRuntime().availableProcessors() + ",\"os\":\""
						+ System.getProperty("os.name") + " " + System.getProperty("os.version") + "\"},\"results\":["
						+ results.stream().map(LoadResult::json).collect(Collectors.joining(",")) + "]}\n");
		System.out.println("Report: " + file);
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> options = new java.util.HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		return options;
	}

}

package dev.orderpipeline.analytics.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.orderpipeline.events.Money;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestLine;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends a mix of v1 and v2 placements and cancellations through the real broker,
 * including cancellations that arrive before their placement, re-sent placements and a
 * second cancellation of the same order, and checks that every endpoint's figures equal
 * those computed here from the orders. The orders use days of 2031 no other test uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsFiguresTests {

	private static final LocalDate FIRST_DAY = LocalDate.parse("2031-05-01");

	/** Four days of orders, and a fifth outside every range queried below. */
	private static final List<LocalDate> DAYS = List.of(FIRST_DAY, FIRST_DAY.plusDays(1), FIRST_DAY.plusDays(2),
			FIRST_DAY.plusDays(3), FIRST_DAY.plusDays(20));

	private static final List<String> SKUS = List.of("FIG-PEN", "FIG-INK", "FIG-PAD", "FIG-CLIP", "FIG-TAPE");

	private static final RecursiveComparisonConfiguration RATES_BY_VALUE = RecursiveComparisonConfiguration.builder()
		.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
		.build();

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Autowired
	private JsonMapper json;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<TestOrder> orders = new ArrayList<>();

	@BeforeAll
	void sendOrders() throws Exception {
		Random random = new Random(42);
		List<OutgoingEvent> events = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			LocalDate day = DAYS.get(i % DAYS.size());
			Instant placedAt = day.atStartOfDay()
				.toInstant(java.time.ZoneOffset.UTC)
				.plusSeconds(random.nextInt(86_400));
			List<TestLine> lines = new ArrayList<>();
			for (String sku : SKUS.subList(random.nextInt(3), 3 + random.nextInt(3))) {
				lines.add(new TestLine(sku, 1 + random.nextInt(4), 100 + random.nextInt(5_000)));
			}
			TestOrder order = TestOrders.order()
				.placedAt(placedAt)
				.currency((i % 3 == 0) ? "USD" : "EUR")
				.version(1 + i % 2)
				.lines(lines);
			// Cancelled within two days, so some cancellations count on a later day.
			boolean cancelled = i % 5 < 2;
			if (cancelled) {
				order = order.cancelledAt(placedAt.plusSeconds(random.nextInt(2 * 86_400)));
			}
			this.orders.add(order);
			OutgoingEvent placement = order.placed();
			if (i % 5 == 0) {
				// The cancellation arrives first, as after a retry of the placement.
				events.add(order.cancelled());
				events.add(placement);
			}
			else {
				events.add(placement);
				if (cancelled) {
					events.add(order.cancelled());
				}
			}
			if (i % 7 == 0) {
				events.add(placement); // redelivered by the relay: same event id
			}
			if (i % 9 == 0 && cancelled) {
				events.add(order.cancelled()); // a second cancellation event for the
												// same order
			}
		}
		TestOrders.send(this.producerFactory, events);
		List<UUID> ids = events.stream().map((event) -> UUID.fromString(event.eventId())).distinct().toList();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.sql("select count(*) from processed_event where event_id in (:ids)")
				.param("ids", ids)
				.query(Long.class)
				.single() == ids.size());
	}

	@Test
	void dailyFiguresPerDayAndCurrencyMatchTheOrdersSent() throws Exception {
		List<Figures.Daily> daily = get("/analytics/daily?from=2031-05-01&to=2031-05-04", new TypeReference<>() {
		});

		assertThat(daily).usingRecursiveFieldByFieldElementComparator(RATES_BY_VALUE)
			.containsExactlyElementsOf(expectedDaily(FIRST_DAY, FIRST_DAY.plusDays(3), null));
		assertThat(daily).anySatisfy((row) -> assertThat(row.ordersCancelled()).isPositive());
	}

	@Test
	void dateRangeLimitsTheDays() throws Exception {
		List<Figures.Daily> daily = get("/analytics/daily?from=2031-05-02&to=2031-05-03", new TypeReference<>() {
		});

		assertThat(daily).extracting(Figures.Daily::day)
			.containsOnly(LocalDate.parse("2031-05-02"), LocalDate.parse("2031-05-03"));
		assertThat(daily).usingRecursiveFieldByFieldElementComparator(RATES_BY_VALUE)
			.containsExactlyElementsOf(expectedDaily(FIRST_DAY.plusDays(1), FIRST_DAY.plusDays(2), null));
	}

	@Test
	void currenciesAreKeptApart() throws Exception {
		List<Figures.Daily> dollars = get("/analytics/daily?from=2031-05-01&to=2031-05-04&currency=USD",
				new TypeReference<>() {
				});

		assertThat(dollars).extracting(Figures.Daily::currency).containsOnly("USD");
		assertThat(dollars).usingRecursiveFieldByFieldElementComparator(RATES_BY_VALUE)
			.containsExactlyElementsOf(expectedDaily(FIRST_DAY, FIRST_DAY.plusDays(3), "USD"));
	}

	@Test
	void skuFiguresAreNetOfCancellationsAndOrderedByNetRevenue() throws Exception {
		List<Figures.Sku> skus = get("/analytics/skus?from=2031-05-01&to=2031-05-04&limit=1000", new TypeReference<>() {
		});
		List<Figures.Sku> top3 = get("/analytics/skus?from=2031-05-01&to=2031-05-04&limit=3", new TypeReference<>() {
		});

		List<Figures.Sku> expected = expectedSkus(FIRST_DAY, FIRST_DAY.plusDays(3));
		assertThat(skus).containsExactlyElementsOf(expected);
		assertThat(top3).containsExactlyElementsOf(expected.subList(0, 3));
	}

	@Test
	void summaryTotalsTheRange() throws Exception {
		Figures.Summary summary = get("/analytics/summary?from=2031-05-01&to=2031-05-04", new TypeReference<>() {
		});

		List<TestOrder> inRange = placedBetween(FIRST_DAY, FIRST_DAY.plusDays(3), null);
		long placed = inRange.size();
		long cancelled = inRange.stream().filter(TestOrder::isCancelled).count();
		assertThat(summary.ordersPlaced()).isEqualTo(placed);
		assertThat(summary.ordersCancelled()).isEqualTo(cancelled);
		assertThat(summary.netOrders()).isEqualTo(placed - cancelled);
		assertThat(summary.cancellationRate()).isEqualByComparingTo(rate(placed, cancelled));
		assertThat(summary.cancellationsInRange()).isEqualTo(this.orders.stream()
			.filter((order) -> order.isCancelled() && inRange(order.cancelledDay(), FIRST_DAY, FIRST_DAY.plusDays(3)))
			.count());
		assertThat(summary.currencies()).extracting(Figures.CurrencyTotals::currency).containsExactly("EUR", "USD");
		for (Figures.CurrencyTotals totals : summary.currencies()) {
			List<TestOrder> ofCurrency = placedBetween(FIRST_DAY, FIRST_DAY.plusDays(3), totals.currency());
			long gross = ofCurrency.stream().mapToLong(TestOrder::total).sum();
			long cancelledRevenue = ofCurrency.stream()
				.filter(TestOrder::isCancelled)
				.mapToLong(TestOrder::total)
				.sum();
			assertThat(totals.grossRevenue()).isEqualTo(Money.of(gross, totals.currency()));
			assertThat(totals.netRevenue()).isEqualTo(Money.of(gross - cancelledRevenue, totals.currency()));
		}
	}

	/** Independent of the service: straight from the orders, per placement day. */
	private List<Figures.Daily> expectedDaily(LocalDate from, LocalDate to, String currency) {
		Map<String, List<TestOrder>> byDayAndCurrency = new TreeMap<>();
		for (TestOrder order : this.orders) {
			byDayAndCurrency.computeIfAbsent(order.placedDay() + " " + order.currency(), (key) -> new ArrayList<>())
				.add(order);
			if (order.isCancelled()) {
				byDayAndCurrency.computeIfAbsent(order.cancelledDay() + " " + order.currency(),
						(key) -> new ArrayList<>());
			}
		}
		List<Figures.Daily> expected = new ArrayList<>();
		byDayAndCurrency.forEach((key, unused) -> {
			LocalDate day = LocalDate.parse(key.substring(0, 10));
			String cur = key.substring(11);
			if (!inRange(day, from, to) || (currency != null && !currency.equals(cur))) {
				return;
			}
			List<TestOrder> placed = this.orders.stream()
				.filter((order) -> order.placedDay().equals(day) && order.currency().equals(cur))
				.toList();
			long cancelled = placed.stream().filter(TestOrder::isCancelled).count();
			long gross = placed.stream().mapToLong(TestOrder::total).sum();
			long cancelledRevenue = placed.stream().filter(TestOrder::isCancelled).mapToLong(TestOrder::total).sum();
			long cancellationsOnDay = this.orders.stream()
				.filter((order) -> order.isCancelled() && order.cancelledDay().equals(day)
						&& order.currency().equals(cur))
				.count();
			expected.add(new Figures.Daily(day, cur, placed.size(), cancelled, placed.size() - cancelled,
					Money.of(gross, cur), Money.of(cancelledRevenue, cur), Money.of(gross - cancelledRevenue, cur),
					placed.isEmpty() ? null : rate(placed.size(), cancelled), cancellationsOnDay));
		});
		return expected;
	}

	private List<Figures.Sku> expectedSkus(LocalDate from, LocalDate to) {
		Map<List<String>, long[]> bySkuAndCurrency = new TreeMap<>(
				Comparator.comparing((List<String> key) -> key.get(0)).thenComparing((key) -> key.get(1)));
		for (TestOrder order : placedBetween(from, to, null)) {
			for (TestLine line : order.lines()) {
				long[] figures = bySkuAndCurrency.computeIfAbsent(List.of(line.sku(), order.currency()),
						(key) -> new long[4]);
				figures[0] += line.quantity();
				figures[1] += line.lineTotal();
				if (order.isCancelled()) {
					figures[2] += line.quantity();
					figures[3] += line.lineTotal();
				}
			}
		}
		return bySkuAndCurrency.entrySet().stream().map((entry) -> {
			String cur = entry.getKey().get(1);
			long[] f = entry.getValue();
			return new Figures.Sku(entry.getKey().get(0), cur, f[0], f[2], f[0] - f[2], Money.of(f[1], cur),
					Money.of(f[3], cur), Money.of(f[1] - f[3], cur));
		})
			.sorted(Comparator.comparingLong((Figures.Sku sku) -> sku.netRevenue().amount())
				.reversed()
				.thenComparing(Figures.Sku::sku)
				.thenComparing(Figures.Sku::currency))
			.collect(Collectors.toList());
	}

	private List<TestOrder> placedBetween(LocalDate from, LocalDate to, String currency) {
		return this.orders.stream()
			.filter((order) -> inRange(order.placedDay(), from, to))
			.filter((order) -> currency == null || currency.equals(order.currency()))
			.toList();
	}

	private static boolean inRange(LocalDate day, LocalDate from, LocalDate to) {
		return !day.isBefore(from) && !day.isAfter(to);
	}

	private static BigDecimal rate(long placed, long cancelled) {
		return BigDecimal.valueOf(cancelled).divide(BigDecimal.valueOf(placed), 4, RoundingMode.HALF_EVEN);
	}

	private <T> T get(String path, TypeReference<T> type) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Authorization", TestTokens.bearer(TestTokens.admin(TestOrders.TENANT)))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readValue(response.body(), type);
	}

}

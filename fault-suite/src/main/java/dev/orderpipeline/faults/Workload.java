package dev.orderpipeline.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Customers placing and cancelling orders while the faults hit: spread over the
 * order-service instances a load balancer would route to (not one it saw die; a frozen
 * one it cannot tell), a third of them with an {@code Idempotency-Key} that the client
 * retries with after a timeout or a refusal, and a share of them competing for a product
 * with little stock. What the pipeline must not do is answer anything but a success or a
 * stated refusal: a request that fails on a dead instance or times out behind a fault is
 * what a client sees too, and the checker decides afterwards whether its order was kept.
 */
final class Workload {

	/** Stated refusals: out of stock, rate limited, over capacity or unavailable. */
	static final Set<Integer> REFUSALS = Set.of(409, 429, 503);

	private static final int THREADS = 4;

	private static final long PAUSE_NANOS = 40_000_000L;

	final AtomicLong placed = new AtomicLong();

	final AtomicLong cancelled = new AtomicLong();

	final AtomicLong refused = new AtomicLong();

	/** Refusals by status, for the report: out of stock is not overload. */
	final ConcurrentMap<Integer, AtomicLong> refusedBy = new ConcurrentSkipListMap<>();

	final AtomicLong failed = new AtomicLong();

	final AtomicLong retried = new AtomicLong();

	final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

	private final OrderClient client;

	private final Supplier<List<String>> orderServices;

	private final List<String> plentiful;

	private final String scarce;

	private final Random seeds;

	private final AtomicBoolean running = new AtomicBoolean();

	private final List<Thread> threads = new ArrayList<>();

	/**
	 * @param orderServices the base URLs of the order-service instances
	 * @param plentiful products that do not run out
	 * @param scarce a product with little stock, so orders compete for it
	 */
	Workload(OrderClient client, Supplier<List<String>> orderServices, List<String> plentiful, String scarce,
			Random seeds) {
		this.client = client;
		this.orderServices = orderServices;
		this.plentiful = plentiful;
		this.scarce = scarce;
		this.seeds = seeds;
	}

	void start() {
		this.running.set(true);
		for (int i = 0; i < THREADS; i++) {
			Random random = new Random(this.seeds.nextLong());
			Thread thread = new Thread(() -> run(random), "fault-workload-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	void stop() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(OrderClient.REQUEST_TIMEOUT.multipliedBy(8).toMillis());
		}
	}

	String summary() {
		StringBuilder refusals = new StringBuilder();
		this.refusedBy.forEach((status, count) -> refusals.append(refusals.isEmpty() ? " (" : ", ")
			.append(count.get())
			.append(" × ")
			.append(status));
		if (!refusals.isEmpty()) {
			refusals.append(')');
		}
		return "%d placed, %d cancelled, %d refused%s, %d failed, %d retried".formatted(this.placed.get(),
				this.cancelled.get(), this.refused.get(), refusals, this.failed.get(), this.retried.get());
	}

	private void refused(int status) {
		this.refused.incrementAndGet();
		this.refusedBy.computeIfAbsent(status, (s) -> new AtomicLong()).incrementAndGet();
	}

	private void run(Random random) {
		while (this.running.get()) {
			int customer = random.nextInt(this.client.customers());
			String sku = (random.nextInt(4) == 0) ? this.scarce
					: this.plentiful.get(random.nextInt(this.plentiful.size()));
			int quantity = 1 + random.nextInt(3);
			String key = (random.nextInt(3) == 0) ? UUID.randomUUID().toString() : null;
			OrderClient.Answer answer = placeWithRetries(random, customer, sku, quantity, key);
			if (!answer.failed() && answer.status() == 201) {
				this.placed.incrementAndGet();
				if (random.nextInt(4) == 0) {
					cancel(random, customer, answer);
				}
			}
			else if (answer.failed()) {
				this.failed.incrementAndGet();
			}
			else if (REFUSALS.contains(answer.status())) {
				refused(answer.status());
			}
			else {
				this.unexpected.add("place: " + answer);
			}
			LockSupport.parkNanos(PAUSE_NANOS);
		}
	}

	/**
	 * With a key, a client that got no answer or a 503 asks again with the same key: the
	 * order is placed at most once, and the retry that finds it placed gets the same
	 * order back.
	 */
	private OrderClient.Answer placeWithRetries(Random random, int customer, String sku, int quantity, String key) {
		OrderClient.Answer first = this.client.place(pick(random), customer, sku, quantity, key);
		OrderClient.Answer answer = first;
		for (int attempt = 0; key != null && attempt < 3 && (answer.failed() || answer.status() == 503); attempt++) {
			LockSupport.parkNanos(500_000_000L);
			this.retried.incrementAndGet();
			answer = this.client.place(pick(random), customer, sku, quantity, key);
		}
		if (key != null && !answer.failed() && answer.status() == 201 && random.nextInt(4) == 0) {
			OrderClient.Answer replay = this.client.place(pick(random), customer, sku, quantity, key);
			if (!replay.failed() && replay.status() == 201 && !replay.orderId().equals(answer.orderId())) {
				this.unexpected.add("a replay with the same Idempotency-Key placed a second order: " + replay);
			}
		}
		return answer;
	}

	private void cancel(Random random, int customer, OrderClient.Answer placedAnswer) {
		String id = placedAnswer.orderId().orElse(null);
		if (id == null) {
			this.unexpected.add("a 201 without an order id: " + placedAnswer);
			return;
		}
		OrderClient.Answer answer = this.client.cancel(pick(random), customer, id);
		boolean retry = answer.failed() || answer.status() == 503;
		if (retry) {
			LockSupport.parkNanos(500_000_000L);
			this.retried.incrementAndGet();
			answer = this.client.cancel(pick(random), customer, id);
		}
		if (!answer.failed() && answer.status() == 200) {
			this.cancelled.incrementAndGet();
		}
		else if (answer.failed()) {
			this.failed.incrementAndGet();
		}
		// A cancel retried after one that got no answer may find the order cancelled.
		else if (answer.status() == 503 || answer.status() == 429 || (retry && answer.status() == 409)) {
			refused(answer.status());
		}
		else {
			this.unexpected.add("cancel " + id + ": " + answer);
		}
	}

	private String pick(Random random) {
		List<String> urls = this.orderServices.get();
		return urls.get(random.nextInt(urls.size()));
	}

}

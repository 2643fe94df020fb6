package dev.orderpipeline.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests at a constant arrival rate, whatever the server does. Latency is
 * measured from the time a request was <em>meant</em> to be sent, so a server that stalls
 * shows its queueing in the numbers instead of slowing the generator down (no coordinated
 * omission). {@link #runClosedLoop} is the other model: a fixed number of clients that
 * each wait for their answer, which finds the throughput ceiling at that concurrency.
 */
final class OpenLoopLoad {

	private static final long MAX_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

	private static final Duration DRAIN_WAIT = Duration.ofSeconds(30);

	/**
	 * Told about every answer: the request's sequence number, the answer, when it came.
	 */
	interface Answers {

		Answers NONE = (sequence, response, received) -> {
		};

		void accept(long sequence, HttpResponse<String> response, Instant received);

	}

	private final HttpClient http;

	private final LongFunction<HttpRequest> requests;

	private final int expectedStatus;

	OpenLoopLoad(HttpClient http, LongFunction<HttpRequest> requests, int expectedStatus) {
		this.http = http;
		this.requests = requests;
		this.expectedStatus = expectedStatus;
	}

	LoadResult run(String label, int rate, Duration duration) throws InterruptedException {
		return run(label, rate, duration, Answers.NONE);
	}

	/**
	 * Runs {@code rate} requests per second for {@code duration}, printing progress every
	 * second, and waits up to 30 s for the last answers.
	 */
	LoadResult run(String label, int rate, Duration duration, Answers answers) throws InterruptedException {
		Tally tally = new Tally(duration);
		long count = Math.max(1, Math.round(rate * (duration.toMillis() / 1000.0)));
		CountDownLatch answered = new CountDownLatch((int) count);
		double intervalNanos = TimeUnit.SECONDS.toNanos(1) / (double) rate;
		long start = tally.start;
		long nextReport = start + TimeUnit.SECONDS.toNanos(1);
		for (long i = 0; i < count; i++) {
			long intended = start + (long) (i * intervalNanos);
			long now;
			while ((now = System.nanoTime()) < intended) {
				LockSupport.parkNanos(Math.min(intended - now, 200_000));
			}
			if (now >= nextReport) {
				tally.progress(label, now, i);
				nextReport += TimeUnit.SECONDS.toNanos(1);
			}
			long sequence = i;
			this.http.sendAsync(this.requests.apply(i), HttpResponse.BodyHandlers.ofString())
				.whenComplete((response, error) -> {
					tally.record(intended, response, error);
					if (response != null) {
						answers.accept(sequence, response, Instant.now());
					}
					answered.countDown();
				});
		}
		long sendingEnded = System.nanoTime();
		boolean allAnswered = answered.await(DRAIN_WAIT.toSeconds(), TimeUnit.SECONDS);
		return tally.result(label, rate, 0, count, !allAnswered, sendingEnded);
	}

	/**
	 * {@code clients} clients, each sending its next request when the previous one is
	 * answered, for {@code duration}. Latency is from each actual send.
	 */
	LoadResult runClosedLoop(String label, int clients, Duration duration) throws InterruptedException {
		Tally tally = new Tally(duration);
		long end = tally.start + duration.toNanos();
		AtomicLong sequence = new AtomicLong();
		CountDownLatch finished = new CountDownLatch(clients);
		for (int c = 0; c < clients; c++) {
			sendNext(tally, sequence, end, finished);
		}
		long nextReport = tally.start + TimeUnit.SECONDS.toNanos(1);
		while (System.nanoTime() < end) {
			LockSupport.parkNanos(Math.min(end, nextReport) - System.nanoTime());
			if (System.nanoTime() >= nextReport) {
				tally.progress(label, System.nanoTime(), sequence.get());
				nextReport += TimeUnit.SECONDS.toNanos(1);
			}
		}
		long sendingEnded = System.nanoTime();
		boolean allAnswered = finished.await(DRAIN_WAIT.toSeconds(), TimeUnit.SECONDS);
		return tally.result(label, 0, clients, sequence.get(), !allAnswered, sendingEnded);
	}

	private void sendNext(Tally tally, AtomicLong sequence, long end, CountDownLatch finished) {
		long sent = System.nanoTime();
		if (sent >= end) {
			finished.countDown();
			return;
		}
		this.http.sendAsync(this.requests.apply(sequence.getAndIncrement()), HttpResponse.BodyHandlers.ofString())
			.whenComplete((response, error) -> {
				tally.record(sent, response, error);
				sendNext(tally, sequence, end, finished);
			});
	}

	/** Counts and latencies of one run, shared by the threads that complete requests. */
	private final class Tally {

		final long start = System.nanoTime();

		final Recorder recorder = new Recorder(MAX_TRACKABLE_NANOS, 3);

		final Histogram total = new Histogram(MAX_TRACKABLE_NANOS, 3);

		/** Latency of the answers with the expected status (the admitted requests). */
		final Histogram admitted = new Histogram(MAX_TRACKABLE_NANOS, 3);

		/** Latency of the 503 answers (the refused requests). */
		final Histogram refused = new Histogram(MAX_TRACKABLE_NANOS, 3);

		final AtomicLong timeouts = new AtomicLong();

		final AtomicLong ok = new AtomicLong();

		final AtomicLong failed = new AtomicLong();

		final AtomicLong transportErrors = new AtomicLong();

		final AtomicLong lastAnswer = new AtomicLong(System.nanoTime());

		final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();

		final AtomicLongArray okPerSecond;

		final AtomicLongArray failedPerSecond;

		Histogram interval;

		Tally(Duration duration) {
			int seconds = (int) (duration.toSeconds() + DRAIN_WAIT.toSeconds() + 2);
			this.okPerSecond = new AtomicLongArray(seconds);
			this.failedPerSecond = new AtomicLongArray(seconds);
		}

		void record(long from, HttpResponse<String> response, Throwable error) {
			long now = System.nanoTime();
			this.lastAnswer.accumulateAndGet(now, Math::max);
			long latency = Math.min(Math.max(0, now - from), MAX_TRACKABLE_NANOS);
			this.recorder.recordValue(latency);
			int second = (int) Math.min(this.okPerSecond.length() - 1,
					TimeUnit.NANOSECONDS.toSeconds(now - this.start));
			if (error != null) {
				if (isTimeout(error)) {
					this.timeouts.incrementAndGet();
				}
				this.transportErrors.incrementAndGet();
				this.statuses.computeIfAbsent("transport", (key) -> new LongAdder()).increment();
				this.failedPerSecond.incrementAndGet(second);
				return;
			}
			this.statuses.computeIfAbsent(Integer.toString(response.statusCode()), (key) -> new LongAdder())
				.increment();
			if (response.statusCode() == 503) {
				synchronized (this.refused) {
					this.refused.recordValue(latency);
				}
			}
			if (response.statusCode() == OpenLoopLoad.this.expectedStatus) {
				synchronized (this.admitted) {
					this.admitted.recordValue(latency);
				}
				this.ok.incrementAndGet();
				this.okPerSecond.incrementAndGet(second);
			}
			else {
				this.failed.incrementAndGet();
				this.failedPerSecond.incrementAndGet(second);
			}
		}

		synchronized void progress(String label, long now, long sent) {
			this.interval = this.recorder.getIntervalHistogram(this.interval);
			this.total.add(this.interval);
			System.out.printf(
					"  [%s] %3ds sent %7d ok %7d errors %5d | last second: p50 %6.1f ms p99 %7.1f ms max %7.1f ms%n",
					label, TimeUnit.NANOSECONDS.toSeconds(now - this.start), sent, this.ok.get(),
					this.failed.get() + this.transportErrors.get(), Percentiles.ms(this.interval, 50),
					Percentiles.ms(this.interval, 99), this.interval.getMaxValue() / 1e6);
		}

		synchronized LoadResult result(String label, int rate, int clients, long sent, boolean unanswered,
				long sendingEnded) {
			long ended = System.nanoTime();
			this.total.add(this.recorder.getIntervalHistogram());
			Map<String, Long> byStatus = new TreeMap<>();
			this.statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
			double sendSeconds = (sendingEnded - this.start) / 1e9;
			// From the first send to the last answer: a server that falls behind does not
			// get the answers that trail in after the last send for free.
			double seconds = Math.max(sendSeconds, (this.lastAnswer.get() - this.start) / 1e9);
			int usedSeconds = (int) Math.min(this.okPerSecond.length(),
					TimeUnit.NANOSECONDS.toSeconds(ended - this.start) + 1);
			long[] okSeries = new long[usedSeconds];
			long[] failedSeries = new long[usedSeconds];
			for (int i = 0; i < usedSeconds; i++) {
				okSeries[i] = this.okPerSecond.get(i);
				failedSeries[i] = this.failedPerSecond.get(i);
			}
			return new LoadResult(label, rate, clients, sent, this.ok.get(), this.failed.get(),
					this.transportErrors.get(), unanswered, sendSeconds, Math.min(this.ok.get(), sent) / seconds,
					this.total, byStatus, okSeries, failedSeries, copy(this.admitted), copy(this.refused),
					this.timeouts.get());
		}

		private static Histogram copy(Histogram histogram) {
			synchronized (histogram) {
				return histogram.copy();
			}
		}

		private static boolean isTimeout(Throwable error) {
			for (Throwable cause = error; cause != null; cause = cause.getCause()) {
				if (cause instanceof java.net.http.HttpTimeoutException) {
					return true;
				}
			}
			return false;
		}

	}

}

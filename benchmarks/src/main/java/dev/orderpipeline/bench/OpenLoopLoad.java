package dev.orderpipeline.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests at a constant arrival rate, whatever the server does. Latency is
 * measured from the time a request was <em>meant</em> to be sent, so a server that stalls
 * shows its queueing in the numbers instead of slowing the generator down (no coordinated
 * omission).
 */
final class OpenLoopLoad {

	private static final long MAX_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

	private final HttpClient http;

	private final LongFunction<HttpRequest> requests;

	OpenLoopLoad(HttpClient http, LongFunction<HttpRequest> requests) {
		this.http = http;
		this.requests = requests;
	}

	/**
	 * Runs {@code rate} requests per second for {@code duration}, printing progress every
	 * second, and waits up to 30 s for the last answers.
	 */
	LoadResult run(String label, int rate, Duration duration, int expectedStatus) throws InterruptedException {
		Recorder recorder = new Recorder(MAX_TRACKABLE_NANOS, 3);
		Histogram total = new Histogram(MAX_TRACKABLE_NANOS, 3);
		AtomicLong ok = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong transportErrors = new AtomicLong();
		long count = Math.max(1, (long) rate * duration.toSeconds());
		CountDownLatch answered = new CountDownLatch((int) count);
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime();
		long nextReport = start + TimeUnit.SECONDS.toNanos(1);
		Histogram interval = null;
		for (long i = 0; i < count; i++) {
			long intended = start + i * intervalNanos;
			long now;
			while ((now = System.nanoTime()) < intended) {
				LockSupport.parkNanos(Math.min(intended - now, 200_000));
			}
			if (now >= nextReport) {
				interval = recorder.getIntervalHistogram(interval);
				total.add(interval);
				printProgress(label, now - start, i, ok.get(), failed.get() + transportErrors.get(), interval);
				nextReport += TimeUnit.SECONDS.toNanos(1);
			}
			this.http.sendAsync(this.requests.apply(i), HttpResponse.BodyHandlers.discarding())
				.whenComplete((response, error) -> {
					recorder.recordValue(Math.min(System.nanoTime() - intended, MAX_TRACKABLE_NANOS));
					if (error != null) {
						transportErrors.incrementAndGet();
					}
					else if (response.statusCode() == expectedStatus) {
						ok.incrementAndGet();
					}
					else {
						failed.incrementAndGet();
					}
					answered.countDown();
				});
		}
		long sendingEnded = System.nanoTime();
		boolean allAnswered = answered.await(30, TimeUnit.SECONDS);
		long ended = System.nanoTime();
		total.add(recorder.getIntervalHistogram());
		double seconds = (ended - start) / 1e9;
		return new LoadResult(label, rate, count, ok.get(), failed.get(), transportErrors.get(), !allAnswered,
				(sendingEnded - start) / 1e9, ok.get() / seconds, total);
	}

	private static void printProgress(String label, long elapsedNanos, long sent, long ok, long errors,
			Histogram interval) {
		System.out.printf(
				"  [%s] %3ds sent %7d ok %7d errors %5d | last second: p50 %6.1f ms p99 %7.1f ms max %7.1f ms%n", label,
				TimeUnit.NANOSECONDS.toSeconds(elapsedNanos), sent, ok, errors, interval.getValueAtPercentile(50) / 1e6,
				interval.getValueAtPercentile(99) / 1e6, interval.getMaxValue() / 1e6);
	}

}

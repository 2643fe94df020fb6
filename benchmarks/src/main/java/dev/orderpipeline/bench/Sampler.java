package dev.orderpipeline.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Samples named values (backlogs, lags) every {@code interval} on threads of its own, as
 * a time series from its start, and prints them every second. A value that cannot be read
 * at a moment (the broker is down) is skipped for that moment.
 */
final class Sampler implements AutoCloseable {

	interface Probe {

		long read() throws Exception;

	}

	/** One sampled series: seconds since the sampler started, and the value then. */
	record Series(String name, List<double[]> points) {

		Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("name", this.name);
			map.put("seconds", this.points.stream().mapToDouble((point) -> point[0]).toArray());
			map.put("values", this.points.stream().mapToDouble((point) -> point[1]).toArray());
			return map;
		}

		/** The first time at or after {@code from} the value is at most {@code limit}. */
		double firstAtMost(double from, long limit) {
			for (double[] point : this.points) {
				if (point[0] >= from && point[1] <= limit) {
					return point[0];
				}
			}
			return Double.NaN;
		}

		/** When the value was highest (the first time, if it was so more than once). */
		double peakAt() {
			double[] peak = null;
			for (double[] point : this.points) {
				if (peak == null || point[1] > peak[1]) {
					peak = point;
				}
			}
			return (peak != null) ? peak[0] : 0;
		}

		double max() {
			return this.points.stream().mapToDouble((point) -> point[1]).max().orElse(0);
		}

	}

	private final String label;

	private final Map<String, Probe> probes;

	private final Map<String, List<double[]>> values = new LinkedHashMap<>();

	private final long start = System.nanoTime();

	private final long intervalNanos;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	Sampler(String label, Map<String, Probe> probes, long intervalMillis) {
		this.label = label;
		this.probes = probes;
		this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
		probes.keySet().forEach((name) -> this.values.put(name, new ArrayList<>()));
		probes.forEach((name, probe) -> this.threads.add(new Thread(() -> loop(name, probe), "sampler-" + name)));
		this.threads.add(new Thread(this::print, "sampler-" + label));
		for (Thread thread : this.threads) {
			thread.setDaemon(true);
			thread.start();
		}
	}

	double elapsedSeconds() {
		return (System.nanoTime() - this.start) / 1e9;
	}

	/** The latest value read, or -1 if none yet. */
	synchronized long latest(String name) {
		List<double[]> points = this.values.get(name);
		return points.isEmpty() ? -1 : (long) points.get(points.size() - 1)[1];
	}

	synchronized Series series(String name) {
		return new Series(name, new ArrayList<>(this.values.get(name)));
	}

	/**
	 * Waits until every named value has been read at most {@code limit}, or times out.
	 */
	boolean awaitAllAtMost(List<String> names, long limit, long timeoutSeconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		while (System.nanoTime() < deadline) {
			boolean all = true;
			for (String name : names) {
				long latest = latest(name);
				all &= latest >= 0 && latest <= limit;
			}
			if (all) {
				return true;
			}
			Thread.sleep(100);
		}
		return false;
	}

	/**
	 * Each probe on a thread of its own, so one that blocks (the broker is down) does not
	 * stall the others.
	 */
	private void loop(String name, Probe probe) {
		long next = this.start;
		while (this.running) {
			double at = elapsedSeconds();
			try {
				long value = probe.read();
				synchronized (this) {
					this.values.get(name).add(new double[] { at, value });
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (Exception unavailable) {
				// Not readable at this moment; the gap shows in the series.
			}
			next += this.intervalNanos;
			long sleep = next - System.nanoTime();
			if (sleep > 0) {
				try {
					TimeUnit.NANOSECONDS.sleep(sleep);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
			else {
				next = System.nanoTime();
			}
		}
	}

	private void print() {
		while (this.running) {
			try {
				TimeUnit.SECONDS.sleep(1);
			}
			catch (InterruptedException ex) {
				return;
			}
			StringBuilder line = new StringBuilder();
			for (String name : this.probes.keySet()) {
				long latest = latest(name);
				line.append(' ').append(name).append(' ').append(latest >= 0 ? Long.toString(latest) : "?");
			}
			System.out.printf(Locale.ROOT, "  [%s] %5.1fs%s%n", this.label, elapsedSeconds(), line);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.interrupt();
			thread.join(5000);
		}
	}

}

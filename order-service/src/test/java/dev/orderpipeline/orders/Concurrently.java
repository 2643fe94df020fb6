package dev.orderpipeline.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs tasks on their own threads, released together by one start gate. */
final class Concurrently {

	private Concurrently() {
	}

	static <T> List<T> run(int tasks, Callable<T> task) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(tasks);
		try {
			CountDownLatch ready = new CountDownLatch(tasks);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < tasks; i++) {
				futures.add(executor.submit(() -> {
					ready.countDown();
					start.await();
					return task.call();
				}));
			}
			ready.await(30, TimeUnit.SECONDS);
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

}

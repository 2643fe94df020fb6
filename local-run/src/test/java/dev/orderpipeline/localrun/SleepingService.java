package dev.orderpipeline.localrun;

/**
 * Stands in for a service's JVM in launcher tests: it ignores its arguments and waits to
 * be stopped.
 */
public final class SleepingService {

	private SleepingService() {
	}

	public static void main(String[] args) throws InterruptedException {
		Thread.sleep(Long.MAX_VALUE);
	}

}

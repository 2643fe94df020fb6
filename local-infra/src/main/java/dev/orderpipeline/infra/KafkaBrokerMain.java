package dev.orderpipeline.infra;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the broker JVM. Runs Kafka's own {@code kafka.Kafka} main and exits when
 * its standard input closes, which happens when the JVM that started it dies, even by
 * SIGKILL. That way a crashed test run or local run never leaves an orphan broker behind.
 */
public final class KafkaBrokerMain {

	private KafkaBrokerMain() {
	}

	public static void main(String[] args) {
		Thread watchdog = new Thread(KafkaBrokerMain::exitWhenParentGone, "parent-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		kafka.Kafka.main(args);
	}

	private static void exitWhenParentGone() {
		InputStream in = System.in;
		try {
			while (in.read() != -1) {
				// The parent never writes; anything read is ignored.
			}
		}
		catch (IOException ex) {
			// A broken pipe means the same as end of stream.
		}
		// Kafka's shutdown hook performs a controlled shutdown.
		System.exit(0);
	}

}

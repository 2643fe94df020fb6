package dev.orderpipeline.infra.faults;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Freezes and thaws a process of this machine with SIGSTOP and SIGCONT, which Java's
 * process API cannot send: a frozen process keeps its sockets open and answers nothing,
 * as a process stuck in a long GC pause or on an overloaded host would.
 */
public final class Signals {

	private Signals() {
	}

	/** SIGSTOP: the process stops running until {@link #thaw}. */
	public static void freeze(long pid) {
		send("-STOP", pid);
	}

	/** SIGCONT: a frozen process runs on. */
	public static void thaw(long pid) {
		send("-CONT", pid);
	}

	private static void send(String signal, long pid) {
		try {
			Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill " + signal + " " + pid + " failed: "
						+ new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("kill " + signal + " " + pid + " could not run: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted sending " + signal + " to " + pid, ex);
		}
	}

}

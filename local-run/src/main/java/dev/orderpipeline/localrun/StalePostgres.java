package dev.orderpipeline.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A PostgreSQL server left running on our data directory by a local run that was killed
 * (SIGKILL leaves no chance to stop it). It is stopped before a new one starts on the
 * same data, because two servers can never share a data directory.
 */
final class StalePostgres {

	private StalePostgres() {
	}

	static void stopIfRunning(Path dataDirectory, Consumer<String> progress) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty()) {
			return;
		}
		long pid = Long.parseLong(lines.get(0).trim());
		Optional<ProcessHandle> process = ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter(handle -> handle.info().command().map(command -> command.endsWith("postgres")).orElse(false));
		if (process.isEmpty()) {
			return;
		}
		progress.accept("A PostgreSQL server (pid " + pid + ") from an earlier run is still up on " + dataDirectory
				+ "; stopping it");
		process.get().destroy();
		try {
			process.get().onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			process.get().destroyForcibly();
		}
	}

}

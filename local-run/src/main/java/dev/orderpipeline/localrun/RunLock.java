package dev.orderpipeline.localrun;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One local run per data directory. The launcher holds an OS file lock on
 * {@code local-run.lock} for as long as it runs; the kernel drops it when the launcher
 * dies, even by SIGKILL, so a lock that can be taken means nothing is running there and
 * whatever server was left on the data directory is stale.
 */
final class RunLock implements AutoCloseable {

	private static final String FILE = "local-run.lock";

	private final FileChannel channel;

	private final FileLock lock;

	private RunLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * The lock, or empty when another local run holds it; {@link #holder} says which.
	 */
	static Optional<RunLock> tryAcquire(Path workDirectory) throws IOException {
		Files.createDirectories(workDirectory);
		FileChannel channel = FileChannel.open(workDirectory.resolve(FILE), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (java.nio.channels.OverlappingFileLockException ex) {
			lock = null;
		}
		if (lock == null) {
			channel.close();
			return Optional.empty();
		}
		channel.truncate(0);
		channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
		channel.force(false);
		return Optional.of(new RunLock(channel, lock));
	}

	/** The pid the holder wrote, for the message; "unknown" if it cannot be read. */
	static String holder(Path workDirectory) {
		try {
			String pid = Files.readString(workDirectory.resolve(FILE)).trim();
			return pid.isEmpty() ? "unknown" : pid;
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	@Override
	public void close() throws IOException {
		lock.release();
		channel.close();
	}

}

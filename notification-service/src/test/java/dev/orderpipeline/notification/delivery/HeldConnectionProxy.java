package dev.orderpipeline.notification.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback TCP proxy that accepts connections and holds them, silent, until
 * {@link #release()}; then it forwards them to the target. To the client it is an SMTP
 * server that hangs before its greeting, for as long as the test likes.
 */
final class HeldConnectionProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final CountDownLatch released = new CountDownLatch(1);

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private HeldConnectionProxy(ServerSocket server, int targetPort) {
		this.server = server;
		this.targetPort = targetPort;
	}

	static HeldConnectionProxy to(int targetPort) {
		try {
			HeldConnectionProxy proxy = new HeldConnectionProxy(
					new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
			daemon(proxy::accept);
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Connections accepted so far (held until released). */
	int connections() {
		return (int) this.sockets.stream().filter((socket) -> socket.getLocalPort() == port()).count();
	}

	void release() {
		this.released.countDown();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				daemon(() -> forwardWhenReleased(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void forwardWhenReleased(Socket client) {
		try {
			this.released.await();
			Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
			this.sockets.add(upstream);
			daemon(() -> pump(upstream, client));
			pump(client, upstream);
		}
		catch (IOException ex) {
			// the test is over
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void pump(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side closed
		}
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "held-connection-proxy");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() {
		release();
		try {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

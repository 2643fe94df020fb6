package dev.orderpipeline.infra.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy for fault tests and the fault suite (a connection that loses
 * packets, on loopback only). It forwards bytes both ways until told to {@link #drop()}:
 * from then on it keeps every connection open and accepts new ones, but silently discards
 * whatever arrives in either direction, closes included, as a network that loses packets
 * without a reset would. {@link #heal()} forwards again on new connections; the
 * connections that lost bytes are closed then, since their streams no longer make sense
 * to either side.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final List<Link> links = new CopyOnWriteArrayList<>();

	private volatile boolean dropping;

	private volatile boolean closed;

	private TcpProxy(ServerSocket server, InetSocketAddress target) {
		this.server = server;
		this.target = target;
	}

	/** Listens on a free loopback port and forwards to the given loopback port. */
	public static TcpProxy to(int targetPort) {
		try {
			ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			TcpProxy proxy = new TcpProxy(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
			Thread acceptor = new Thread(proxy::accept, "tcp-proxy-accept-" + server.getLocalPort());
			acceptor.setDaemon(true);
			acceptor.start();
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** From now on every byte in either direction is lost, and nobody is told. */
	public void drop() {
		this.dropping = true;
	}

	/** Forwards again; connections that lost bytes are closed. */
	public void heal() {
		this.dropping = false;
		for (Link link : this.links) {
			if (link.damaged) {
				link.close();
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.links.forEach(Link::close);
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket();
				try {
					upstream.connect(this.target, 5000);
				}
				catch (IOException ex) {
					client.close();
					continue;
				}
				Link link = new Link(client, upstream);
				this.links.add(link);
				link.damaged = this.dropping;
				pump(link, client, upstream, "up");
				pump(link, upstream, client, "down");
			}
			catch (IOException ex) {
				if (!this.closed) {
					throw new UncheckedIOException(ex);
				}
			}
		}
	}

	private void pump(Link link, Socket from, Socket to, String direction) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try {
				// Not closed here: closing a socket's stream closes the socket, which
				// would tell the other side.
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				int read;
				while ((read = in.read(buffer)) != -1) {
					if (this.dropping || link.damaged) {
						link.damaged = true;
						continue;
					}
					out.write(buffer, 0, read);
					out.flush();
				}
				// An end of stream is a packet too: lost while dropping.
				if (!this.dropping && !link.damaged) {
					link.close();
				}
			}
			catch (IOException ex) {
				if (!this.dropping && !link.damaged) {
					link.close();
				}
			}
		}, "tcp-proxy-" + direction + "-" + from.getPort());
		thread.setDaemon(true);
		thread.start();
	}

	private final class Link {

		private final Socket client;

		private final Socket upstream;

		private volatile boolean damaged;

		Link(Socket client, Socket upstream) {
			this.client = client;
			this.upstream = upstream;
		}

		void close() {
			TcpProxy.this.links.remove(this);
			closeQuietly(this.client);
			closeQuietly(this.upstream);
		}

		private static void closeQuietly(Socket socket) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// gone either way
			}
		}

	}

}

package dev.orderpipeline.localrun;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An optional control endpoint of the local run ({@code --control-port=N}, off by
 * default) on 127.0.0.1, so the benchmarks can stop and start the Kafka broker and single
 * services while the run goes on: {@code POST /kafka/stop}, {@code POST /kafka/start},
 * {@code POST /services/<name>/stop}, {@code POST /services/<name>/start}.
 */
final class LocalControl implements AutoCloseable {

	/** What the endpoint can do; implemented by the local run. */
	interface Actions {

		void stopKafka();

		void startKafka();

		boolean stopService(String name);

		boolean startService(String name) throws IOException;

	}

	private final HttpServer server;

	private LocalControl(HttpServer server) {
		this.server = server;
	}

	static LocalControl start(int port, Actions actions) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		server.setExecutor(Executors.newSingleThreadExecutor());
		server.createContext("/", (exchange) -> handle(exchange, actions));
		server.start();
		return new LocalControl(server);
	}

	private static void handle(HttpExchange exchange, Actions actions) throws IOException {
		String[] path = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
		int status;
		String body;
		try {
			if (!"POST".equals(exchange.getRequestMethod())) {
				status = 405;
				body = "POST only";
			}
			else if (path.length == 2 && path[0].equals("kafka") && path[1].equals("stop")) {
				actions.stopKafka();
				status = 200;
				body = "Kafka stopped";
			}
			else if (path.length == 2 && path[0].equals("kafka") && path[1].equals("start")) {
				actions.startKafka();
				status = 200;
				body = "Kafka started";
			}
			else if (path.length == 3 && path[0].equals("services") && path[2].equals("stop")) {
				boolean known = actions.stopService(path[1]);
				status = known ? 200 : 404;
				body = known ? path[1] + " stopped" : "No service " + path[1];
			}
			else if (path.length == 3 && path[0].equals("services") && path[2].equals("start")) {
				boolean known = actions.startService(path[1]);
				status = known ? 202 : 404;
				body = known ? path[1] + " starting" : "No service " + path[1];
			}
			else {
				status = 404;
				body = "Unknown control " + exchange.getRequestURI().getPath();
			}
		}
		catch (RuntimeException ex) {
			status = 500;
			body = ex.toString();
		}
		byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

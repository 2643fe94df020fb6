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
 * default) on 127.0.0.1, so the benchmarks and the fault suite can hurt the run while it
 * goes on:
 * <ul>
 * <li>{@code POST /kafka/stop}, {@code POST /kafka/start}: the (first) broker;</li>
 * <li>{@code POST /services/<name>/stop}, {@code POST /services/<name>/start}: every
 * instance of a service;</li>
 * <li>{@code POST /services/<name>/<i>/<action>} and {@code POST /kafka/<node>/<action>}
 * with {@code stop} (graceful), {@code kill} (SIGKILL), {@code freeze} (SIGSTOP),
 * {@code thaw} (SIGCONT) or {@code start};</li>
 * <li>{@code POST /postgres/stop}, {@code POST /postgres/start};</li>
 * <li>{@code POST /network/drop}, {@code POST /network/heal}: the connections of the
 * further instances to PostgreSQL lose every packet, silently, or work again;</li>
 * <li>{@code GET /processes}: a line per process, {@code <label> <pid>|- <port>}
 * (PostgreSQL, the mail server's web port and the identity provider say {@code running}
 * for a pid).</li>
 * </ul>
 */
final class LocalControl implements AutoCloseable {

	/** What the endpoint can do; implemented by the local run. */
	interface Actions {

		void stopKafka();

		void startKafka();

		boolean stopService(String name);

		boolean startService(String name) throws IOException;

		/**
		 * @return false if there is no such instance
		 */
		boolean serviceInstance(String name, int instance, Action action) throws IOException;

		/**
		 * @return false if there is no such node
		 */
		boolean kafkaNode(int node, Action action);

		void postgres(Action action);

		void network(boolean drop);

		String processes();

	}

	/** What can be done to one process. */
	enum Action {

		STOP, START, KILL, FREEZE, THAW;

		static Action of(String name) {
			for (Action action : values()) {
				if (action.name().equalsIgnoreCase(name)) {
					return action;
				}
			}
			throw new IllegalArgumentException("Unknown action " + name + "; known: stop, start, kill, freeze, thaw");
		}

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
		Answer answer;
		try {
			if ("GET".equals(exchange.getRequestMethod()) && path.length == 1 && path[0].equals("processes")) {
				answer = new Answer(200, actions.processes());
			}
			else if (!"POST".equals(exchange.getRequestMethod())) {
				answer = new Answer(405, "POST only");
			}
			else {
				answer = post(path, actions);
			}
		}
		catch (IllegalArgumentException ex) {
			answer = new Answer(400, ex.getMessage());
		}
		catch (RuntimeException ex) {
			answer = new Answer(500, ex.toString());
		}
		byte[] bytes = (answer.body() + "\n").getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(answer.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Answer post(String[] path, Actions actions) throws IOException {
		String joined = String.join("/", path);
		if (joined.equals("kafka/stop")) {
			actions.stopKafka();
			return new Answer(200, "Kafka stopped");
		}
		if (joined.equals("kafka/start")) {
			actions.startKafka();
			return new Answer(200, "Kafka started");
		}
		if (path.length == 3 && path[0].equals("kafka")) {
			Action action = Action.of(path[2]);
			boolean known = actions.kafkaNode(Integer.parseInt(path[1]), action);
			return known ? new Answer(200, "Kafka node " + path[1] + ": " + path[2]) : noSuch("Kafka node " + path[1]);
		}
		if (path.length == 2 && path[0].equals("postgres")) {
			actions.postgres(Action.of(path[1]));
			return new Answer(200, "PostgreSQL: " + path[1]);
		}
		if (path.length == 2 && path[0].equals("network") && (path[1].equals("drop") || path[1].equals("heal"))) {
			actions.network(path[1].equals("drop"));
			return new Answer(200, "Network to PostgreSQL: " + path[1]);
		}
		if (path.length == 3 && path[0].equals("services") && path[2].equals("stop")) {
			return actions.stopService(path[1]) ? new Answer(200, path[1] + " stopped") : noSuch("service " + path[1]);
		}
		if (path.length == 3 && path[0].equals("services") && path[2].equals("start")) {
			return actions.startService(path[1]) ? new Answer(202, path[1] + " starting")
					: noSuch("service " + path[1]);
		}
		if (path.length == 4 && path[0].equals("services")) {
			Action action = Action.of(path[3]);
			boolean known = actions.serviceInstance(path[1], Integer.parseInt(path[2]), action);
			return known ? new Answer(action == Action.START ? 202 : 200, path[1] + " " + path[2] + ": " + path[3])
					: noSuch("instance " + path[2] + " of " + path[1]);
		}
		return new Answer(404, "Unknown control /" + joined);
	}

	private static Answer noSuch(String what) {
		return new Answer(404, "No " + what);
	}

	private record Answer(int status, String body) {
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

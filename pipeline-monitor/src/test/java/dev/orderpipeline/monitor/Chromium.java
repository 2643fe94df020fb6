package dev.orderpipeline.monitor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Headless Chromium for the status page's tests: a DOM dump, or a page driven over the
 * DevTools protocol (evaluate a script, get its result). Fails, never skips, when
 * Chromium is not installed.
 */
final class Chromium implements AutoCloseable {

	private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
			"/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final Path log;

	private WebSocket socket;

	private final Map<Integer, CompletableFuture<String>> replies = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private Chromium(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	static String executable() {
		String chromium = System.getenv().getOrDefault("CHROMIUM_BIN", "");
		if (chromium.isEmpty()) {
			chromium = CANDIDATES.stream().filter((c) -> Files.isExecutable(Path.of(c))).findFirst().orElse("");
		}
		if (chromium.isEmpty() || !Files.isExecutable(Path.of(chromium))) {
			fail("Chromium is needed to test the status page and was not found (looked at CHROMIUM_BIN and %s). "
					+ "Install it: apt-get install -y chromium (.ci/run does this).", CANDIDATES);
		}
		return chromium;
	}

	static List<String> command(Path workDirectory, String... extra) {
		List<String> command = new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + workDirectory.resolve("profile")));
		command.addAll(List.of(extra));
		return command;
	}

	/** Opens {@code url} with the DevTools protocol on a free port. */
	static Chromium open(String url, Path workDirectory) throws IOException {
		Path log = workDirectory.resolve("chromium.log");
		Process process = new ProcessBuilder(command(workDirectory, "--remote-debugging-port=0", url))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		Chromium chromium = new Chromium(process, log);
		try {
			chromium.connect(url, workDirectory.resolve("profile").resolve("DevToolsActivePort"));
		}
		catch (RuntimeException | IOException | InterruptedException ex) {
			chromium.close();
			throw new IllegalStateException("Could not drive Chromium: " + ex + "; its log: " + chromium.log(), ex);
		}
		return chromium;
	}

	private void connect(String url, Path activePort) throws IOException, InterruptedException {
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(activePort) && Files.size(activePort) > 0);
		int port = Integer.parseInt(Files.readAllLines(activePort).get(0).trim());
		HttpClient http = HttpClient.newHttpClient();
		String[] socketUrl = new String[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			String targets = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			List<String> pages = JsonPath.read(targets,
					"$[?(@.type == 'page' && @.url == '" + url + "')].webSocketDebuggerUrl");
			socketUrl[0] = pages.isEmpty() ? null : pages.get(0);
			return socketUrl[0] != null;
		});
		this.socket = http.newWebSocketBuilder()
			.buildAsync(URI.create(socketUrl[0]), new Replies())
			.orTimeout(30, TimeUnit.SECONDS)
			.join();
		awaitLoaded(url);
	}

	/**
	 * Evaluates a script in the page, awaiting the promise it returns.
	 * @return the script's string result
	 */
	String evaluate(String script, Duration timeout) {
		String response = send(script, timeout);
		var value = JSON.readTree(response).at("/result/result/value");
		if (value.isMissingNode() || value.isNull()) {
			fail("The script did not return a value: %s", response);
		}
		return value.asString();
	}

	/** Waits until the page at {@code url} has loaded (not the blank page before it). */
	private void awaitLoaded(String url) {
		String loaded = "String(document.readyState === 'complete' && location.href === '" + url + "')";
		await().atMost(Duration.ofSeconds(30))
			.until(() -> JSON.readTree(send(loaded, Duration.ofSeconds(5))).at("/result/result/value").asString(""),
					"true"::equals);
	}

	private String send(String script, Duration timeout) {
		int id = this.ids.incrementAndGet();
		CompletableFuture<String> reply = new CompletableFuture<>();
		this.replies.put(id, reply);
		String message = JSON.writeValueAsString(Map.of("id", id, "method", "Runtime.evaluate", "params",
				Map.of("expression", script, "awaitPromise", true, "returnByValue", true)));
		this.socket.sendText(message, true).join();
		return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	String log() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	/**
	 * Stops every Chromium process that uses this work directory's profile. Chromium's
	 * helper processes (zygote, renderer) are re-parented when the browser exits and may
	 * still write to the profile for a moment, so they are found by their command line,
	 * not as descendants.
	 */
	static void stopAllUsing(Path workDirectory) {
		String marker = "--user-data-dir=" + workDirectory.resolve("profile");
		List<ProcessHandle> stragglers = ProcessHandle.allProcesses()
			.filter((handle) -> handle.info().arguments().map(List::of).orElse(List.of()).contains(marker))
			.toList();
		stragglers.forEach(ProcessHandle::destroy);
		for (ProcessHandle handle : stragglers) {
			try {
				handle.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				handle.destroyForcibly();
			}
		}
	}

	@Override
	public void close() {
		if (this.socket != null) {
			this.socket.abort();
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private final class Replies implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				String message = this.partial.toString();
				this.partial.setLength(0);
				var id = JSON.readTree(message).get("id");
				if (id != null) {
					CompletableFuture<String> reply = Chromium.this.replies.remove(id.asInt());
					if (reply != null) {
						reply.complete(message);
					}
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}

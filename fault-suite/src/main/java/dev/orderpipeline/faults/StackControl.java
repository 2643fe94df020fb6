package dev.orderpipeline.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The local run's control endpoint ({@code ./run-local.sh --control-port=N}): what runs,
 * and the faults it injects into its own processes (kill -9, graceful stops, SIGSTOP and
 * SIGCONT, PostgreSQL stopped, a network that drops packets).
 */
final class StackControl {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String url;

	StackControl(String url) {
		this.url = url;
	}

	List<StackProcess> processes() {
		return send(HttpRequest.newBuilder(URI.create(this.url + "/processes")).GET()).lines()
			.filter((line) -> !line.isBlank())
			.map(StackProcess::parse)
			.toList();
	}

	StackProcess process(String label) {
		return find(label).orElseThrow(() -> new IllegalStateException("The local run has no " + label));
	}

	Optional<StackProcess> find(String label) {
		return processes().stream().filter((process) -> process.label().equals(label)).findFirst();
	}

	/**
	 * @param action stop, start, kill, freeze or thaw
	 */
	void service(StackProcess instance, String action) {
		post("/services/" + instance.service() + "/" + instance.instance() + "/" + action);
	}

	void broker(StackProcess node, String action) {
		post("/kafka/" + node.label().substring("kafka-".length()) + "/" + action);
	}

	void postgres(String action) {
		post("/postgres/" + action);
	}

	/**
	 * The further instances' connections to PostgreSQL lose every packet, or work again.
	 */
	void network(String dropOrHeal) {
		post("/network/" + dropOrHeal);
	}

	private void post(String path) {
		send(HttpRequest.newBuilder(URI.create(this.url + path)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	private String send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofMinutes(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException("Control " + request.build().uri() + " answered "
						+ response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The control endpoint " + this.url + " did not answer: " + ex.getMessage(),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}

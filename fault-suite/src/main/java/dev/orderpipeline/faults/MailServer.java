package dev.orderpipeline.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.orderpipeline.checker.MailLog;

/**
 * The local run's mail server ({@code GET /message-ids} of its web port): which emails
 * arrived, and how often each, so the checker can tell an email sent twice.
 */
final class MailServer {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String url;

	MailServer(String webUrl) {
		this.url = webUrl + "/message-ids";
	}

	MailLog log() {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create(this.url)).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(this.url + " answered " + response.statusCode());
			}
			Map<String, Integer> copies = new HashMap<>();
			response.body()
				.lines()
				.map(MailLog::eventIdOf)
				.filter((id) -> id != null)
				.forEach((id) -> copies.merge(id, 1, Integer::sum));
			return new MailLog(copies);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The mail server " + this.url + " did not answer: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}

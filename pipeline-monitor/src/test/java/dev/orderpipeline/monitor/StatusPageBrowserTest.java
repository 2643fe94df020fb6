package dev.orderpipeline.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The status page in headless Chromium: what it shows (from a DOM dump after its script
 * has polled the API) and what its replay button does (clicked over the DevTools
 * protocol). Chromium is required: without it these tests fail and say how to install it
 * ({@code .ci/run} installs it).
 */
class StatusPageBrowserTest extends MonitorIntegrationTest {

	/**
	 * Clicks a group's replay button (confirming the dialog) and returns what the page
	 * then shows next to it.
	 */
	private static final String CLICK_REPLAY = """
			(async () => {
				window.confirm = () => true;
				const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
				const block = () => document.querySelector('[data-group="%s"]');
				for (let i = 0; i < 100 && !block(); i++) await pause();
				block().querySelector('button').click();
				const shown = () => block().querySelector('.replay-output').textContent;
				for (let i = 0; i < 100 && (shown() === '' || shown() === 'replaying…'); i++) await pause();
				return shown();
			})()
			""";

	// Not @TempDir: the directory may only be deleted after Chromium's helper processes
	// are gone.
	Path workDirectory;

	@BeforeEach
	void createWorkDirectory() throws IOException {
		this.workDirectory = Files.createTempDirectory("status-page-chromium-");
	}

	@AfterEach
	void removeWorkDirectory() throws IOException {
		Chromium.stopAllUsing(this.workDirectory);
		try (Stream<Path> paths = Files.walk(this.workDirectory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	@Test
	void thePageShowsEachGroupsLagStatusAndTheOutboxBacklog() throws Exception {
		commit("page-check", Map.of(source(0), 4L, source(1), 5L));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> group("page-check").map((g) -> g.lagMessages() == 6).orElse(false));

		String dom = renderedDom("http://127.0.0.1:" + this.port + "/");

		String group = groupBlock(dom, "page-check");
		assertThat(group).contains("<b class=\"group-lag-messages\">6</b>");
		assertThat(group).containsPattern("data-partition=\"0\"><td>" + SOURCE
				+ "-0</td><td>4</td><td>10</td><td class=\"lag-messages\">6</td><td class=\"lag-seconds\">[0-9.]+ min</td>");
		assertThat(group).contains("data-status=\"stopped\"");
		assertThat(dom).contains("<dd id=\"outbox-pending\">12</dd>");
		assertThat(groupBlock(dom, "notification-service")).contains("data-status=\"stopped\"");
	}

	@Test
	void theReplayButtonReplaysThroughTheMonitorAndShowsTheResult() throws Exception {
		int before = stubRequests.size();

		try (Chromium chromium = Chromium.open("http://127.0.0.1:" + this.port + "/", this.workDirectory)) {
			String shown = chromium.evaluate(CLICK_REPLAY.formatted("replay-check"), Duration.ofSeconds(30));

			assertThat(shown).isEqualTo("replayed 2");
		}
		assertThat(stubRequests.subList(before, stubRequests.size()))
			.containsExactly("POST /dead-letters/replay-all?limit=1000");
	}

	@Test
	void theReplayButtonShowsTheErrorWhenTheConsumerServiceIsDown() throws Exception {
		try (Chromium chromium = Chromium.open("http://127.0.0.1:" + this.port + "/", this.workDirectory)) {
			String shown = chromium.evaluate(CLICK_REPLAY.formatted("down-check"), Duration.ofSeconds(30));

			assertThat(shown).startsWith("HTTP 502: down-check at http://127.0.0.1:1 did not answer");
		}
	}

	private String renderedDom(String url) throws Exception {
		Path log = this.workDirectory.resolve("chromium.log");
		Process process = new ProcessBuilder(
				Chromium.command(this.workDirectory, "--virtual-time-budget=5000", "--dump-dom", url))
			.redirectError(log.toFile())
			.start();
		process.getOutputStream().close();
		byte[] out = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("Chromium did not finish within 60 s; its log: %s", Files.readString(log));
		}
		String dom = new String(out, StandardCharsets.UTF_8);
		assertThat(dom).as("Chromium's DOM dump (exit %d; log: %s)", process.exitValue(), Files.readString(log))
			.contains("data-group=");
		return dom;
	}

	/** The markup of one group's block, up to the next group. */
	private static String groupBlock(String dom, String group) {
		Matcher matcher = Pattern
			.compile("<div class=\"group\" data-group=\"" + Pattern.quote(group)
					+ "\".*?(?=<div class=\"group\"|</div>\\s*</section>)", Pattern.DOTALL)
			.matcher(dom);
		assertThat(matcher.find()).as("a block for group %s in the page", group).isTrue();
		return matcher.group();
	}

}

package dev.orderpipeline.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Loads the status page in headless Chromium, lets its script poll the API, and reads the
 * rendered DOM. Chromium is required: without it this test fails and says how to install
 * it ({@code .ci/run} installs it).
 */
class StatusPageBrowserTest extends MonitorIntegrationTest {

	private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
			"/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");

	@TempDir
	Path profile;

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

	private String renderedDom(String url) throws IOException, InterruptedException {
		String chromium = System.getenv().getOrDefault("CHROMIUM_BIN", "");
		if (chromium.isEmpty()) {
			chromium = CANDIDATES.stream().filter((c) -> Files.isExecutable(Path.of(c))).findFirst().orElse("");
		}
		if (chromium.isEmpty() || !Files.isExecutable(Path.of(chromium))) {
			fail("Chromium is needed to test the status page and was not found (looked at CHROMIUM_BIN and %s). "
					+ "Install it: apt-get install -y chromium (.ci/run does this).", CANDIDATES);
		}
		Path log = this.profile.resolve("chromium.log");
		Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + this.profile.resolve("profile"),
				"--virtual-time-budget=5000", "--dump-dom", url)
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

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

import dev.orderpipeline.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The status page in headless Chromium, driven over the DevTools protocol as a user
 * would: paste a token into the sign-in form, then read what the page shows and click its
 * replay button. Without a token (a DOM dump of a fresh profile) it shows only the
 * sign-in form. Chromium is required: without it these tests fail and say how to install
 * it ({@code .ci/run} installs it).
 */
class StatusPageBrowserTest extends MonitorIntegrationTest {

	/**
	 * Pastes a token into the sign-in form, submits it, waits until the page shows either
	 * groups or the sign-in form again, and returns the page's markup.
	 */
	private static final String SIGN_IN = """
			(async () => {
				const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
				const form = document.getElementById('sign-in');
				for (let i = 0; i < 100 && form.hidden; i++) await pause();
				document.getElementById('token').value = '%s';
				form.querySelector('button[type=submit]').click();
				const settled = () => document.querySelector('[data-group]')
					|| (!form.hidden && document.getElementById('sign-in-message').textContent.includes('HTTP'));
				for (let i = 0; i < 100 && !settled(); i++) await pause();
				return document.documentElement.outerHTML;
			})()
			""";

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

	/**
	 * Types a reason, clicks the Re-queue button of parked row 7 (confirming the dialog)
	 * and returns the row's error and what the panel then says, separated by "|".
	 */
	private static final String REQUEUE_PARKED_ROW = """
			(async () => {
				window.confirm = () => true;
				const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
				const row = () => document.querySelector('[data-parked-row="7"]');
				// After a re-queue the panel reloads; until then the row's button is disabled.
				const ready = () => row() && !row().querySelector('button').disabled;
				for (let i = 0; i < 200 && !ready(); i++) await pause();
				const error = row().querySelector('.parked-error').textContent;
				document.getElementById('requeue-reason').value = '%s';
				document.getElementById('parked-status').textContent = '';
				row().querySelector('button').click();
				const shown = () => document.getElementById('parked-status').textContent;
				for (let i = 0; i < 100 && (shown() === '' || shown() === 're-queueing…'); i++) await pause();
				return error + '|' + shown();
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
	void removeWorkDirectory() {
		Chromium.stopAllUsing(this.workDirectory);
		// A process that is exiting may still write a last file into the profile (seen in
		// CI as DirectoryNotEmpty): delete until the tree stays gone.
		await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
			deleteTree(this.workDirectory);
			return !Files.exists(this.workDirectory);
		});
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
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

		String dom;
		try (Chromium chromium = Chromium.open(page(), this.workDirectory)) {
			dom = chromium.evaluate(SIGN_IN.formatted(TestTokens.ops()), Duration.ofSeconds(30));
		}

		String group = groupBlock(dom, "page-check");
		assertThat(group).contains("<b class=\"group-lag-messages\">6</b>");
		assertThat(group).containsPattern("data-partition=\"0\"><td>" + SOURCE
				+ "-0</td><td>4</td><td>10</td><td class=\"lag-messages\">6</td><td class=\"lag-seconds\">[0-9.]+ min</td>");
		assertThat(group).contains("data-status=\"stopped\"");
		assertThat(dom).contains("<dd id=\"outbox-pending\">12</dd>");
		assertThat(groupBlock(dom, "notification-service")).contains("data-status=\"stopped\"");
		assertThat(dom).contains("<form id=\"sign-in\" hidden=\"\">");
	}

	@Test
	void withoutATokenThePageAsksForOneAndShowsNoData() throws Exception {
		commit("page-check", Map.of(source(0), 4L, source(1), 5L));

		String dom = renderedDom(page());

		assertThat(dom).contains("<form id=\"sign-in\">")
			.contains("Sign in to see the pipeline: paste an access token with role ops.")
			.contains("<dd id=\"outbox-pending\">unknown</dd>")
			.doesNotContain("data-group=")
			.doesNotContain("page-check");
	}

	@Test
	void aCustomersTokenIsRefusedAndThePageSaysSoAndShowsNoData() throws Exception {
		String dom;
		try (Chromium chromium = Chromium.open(page(), this.workDirectory)) {
			dom = chromium.evaluate(SIGN_IN.formatted(TestTokens.customer("customer-ana", "acme")),
					Duration.ofSeconds(30));
		}

		assertThat(dom).contains("<form id=\"sign-in\">")
			.contains("This token may not see the pipeline (HTTP 403: it lacks role ops)")
			.doesNotContain("data-group=");
	}

	@Test
	void theReplayButtonReplaysThroughTheMonitorAndShowsTheResult() throws Exception {
		int before = stubRequests.size();
		String ops = TestTokens.ops();

		try (Chromium chromium = Chromium.open(page(), this.workDirectory)) {
			chromium.evaluate(SIGN_IN.formatted(ops), Duration.ofSeconds(30));
			String shown = chromium.evaluate(CLICK_REPLAY.formatted("replay-check"), Duration.ofSeconds(30));

			assertThat(shown).isEqualTo("replayed 2");
		}
		assertThat(stubRequests.subList(before, stubRequests.size()))
			.containsExactly("POST /dead-letters/replay-all?limit=1000");
		assertThat(stubAuthorizations.subList(before, stubAuthorizations.size()))
			.containsExactly(TestTokens.bearer(ops));
	}

	@Test
	void theReplayButtonShowsTheErrorWhenTheConsumerServiceIsDown() throws Exception {
		try (Chromium chromium = Chromium.open(page(), this.workDirectory)) {
			chromium.evaluate(SIGN_IN.formatted(TestTokens.ops()), Duration.ofSeconds(30));
			String shown = chromium.evaluate(CLICK_REPLAY.formatted("down-check"), Duration.ofSeconds(30));

			assertThat(shown).startsWith("HTTP 502: down-check at http://127.0.0.1:1 did not answer");
		}
	}

	@Test
	void parkedOutboxRowsAreListedWithTheirErrorAndCanBeRequeuedWithAReason() throws Exception {
		int before = orderServiceRequests.size();
		String ops = TestTokens.ops();

		try (Chromium chromium = Chromium.open(page(), this.workDirectory)) {
			chromium.evaluate(SIGN_IN.formatted(ops), Duration.ofSeconds(30));
			String shown = chromium.evaluate(REQUEUE_PARKED_ROW.formatted("INC-42: limit raised"),
					Duration.ofSeconds(40));
			assertThat(shown).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException: too large"
					+ "|re-queued 1 row(s); the relay publishes them now");

			String refused = chromium.evaluate(REQUEUE_PARKED_ROW.formatted("bad"), Duration.ofSeconds(40));
			assertThat(refused)
				.endsWith("|HTTP 400: The request has 1 invalid field(s). (reason must be 1-500 printable characters)");
		}
		assertThat(orderServiceRequests.subList(before, orderServiceRequests.size()))
			.contains("POST /ops/outbox/parked/7/requeue {\"reason\":\"INC-42: limit raised\"}");
		assertThat(orderServiceAuthorizations.subList(before, orderServiceAuthorizations.size()))
			.containsOnly(TestTokens.bearer(ops));
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
			.contains("</html>");
		return dom;
	}

	private String page() {
		return "http://127.0.0.1:" + this.port + "/";
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

package dev.orderpipeline.checker.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.orderpipeline.checker.PipelineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line against a real pipeline's stores: output and exit codes. */
class CheckerMainTest {

	private final PipelineFixture pipeline = new PipelineFixture();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@AfterEach
	void close() {
		this.pipeline.close();
	}

	@Test
	void exitsZeroWhenEverythingHoldsAndOneWithTheViolationListed() {
		PipelineFixture.Order order = this.pipeline.place();

		assertThat(run()).isZero();
		assertThat(text(this.out)).contains("All invariants hold")
			.contains(this.pipeline.group(PipelineFixture.SEARCH) + ": published 1, applied 1, dead-lettered 0");

		this.out.reset();
		PipelineFixture.execute(this.pipeline.consumers.get(PipelineFixture.SEARCH), "delete from processed_event");
		assertThat(run()).isEqualTo(1);
		assertThat(text(this.out)).contains("VIOLATED")
			.contains("missing " + order.placementId() + " order.placed.v1 of order " + order.id());
	}

	@Test
	void printsTheReportAsJson() {
		this.pipeline.place();

		assertThat(run("--json")).isZero();

		JsonNode report = JsonMapper.builder().build().readTree(text(this.out));
		assertThat(report.get("invariants").size()).isEqualTo(9);
		assertThat(report.get("consumers").get(0).get("applied").asLong()).isEqualTo(1);
	}

	@Test
	void refusesUnknownOptionsWithExitTwo() {
		assertThat(CheckerMain.run(new String[] { "--frobnicate=1" }, new PrintStream(this.out),
				new PrintStream(this.err)))
			.isEqualTo(2);
		assertThat(text(this.err)).contains("Unknown option --frobnicate").contains("Usage:");
	}

	private int run(String... extra) {
		List<String> args = new ArrayList<>(List.of("--bootstrap-servers=" + this.pipeline.bootstrap,
				"--topic=" + this.pipeline.topic, "--orders-url=" + this.pipeline.orders.getUrl(),
				"--notifications-url=" + this.pipeline.consumers.get(PipelineFixture.NOTIFICATION).getUrl(),
				"--analytics-url=" + this.pipeline.consumers.get(PipelineFixture.ANALYTICS).getUrl(),
				"--search-url=" + this.pipeline.consumers.get(PipelineFixture.SEARCH).getUrl(),
				"--notification-group=" + this.pipeline.group(PipelineFixture.NOTIFICATION),
				"--analytics-group=" + this.pipeline.group(PipelineFixture.ANALYTICS),
				"--search-group=" + this.pipeline.group(PipelineFixture.SEARCH)));
		args.addAll(List.of(extra));
		return CheckerMain.run(args.toArray(String[]::new), new PrintStream(this.out), new PrintStream(this.err));
	}

	private static String text(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8);
	}

}

package dev.orderpipeline.consumer;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import dev.orderpipeline.consumer.Faults.HandlingContext;
import dev.orderpipeline.events.kafka.CloudEventHeaders;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.testing.events.TestOrders;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each record is handled in a span continuing the trace of its {@code traceparent}
 * header, and log lines written while it is handled carry that trace id, the span id and
 * the event id.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingTests extends ConsumerRuntimeTestSupport {

	private static final Pattern HEX_16 = Pattern.compile("[0-9a-f]{16}");

	private static final Pattern HEX_32 = Pattern.compile("[0-9a-f]{32}");

	@Autowired
	RecordedSpans spans;

	@Test
	void aRecordIsHandledInASpanWhoseParentIsTheProducersSpanFromItsTraceparent() {
		String traceId = randomHex(16);
		String parentSpanId = randomHex(8);
		OutgoingEvent placed = TestOrders.order(UUID.randomUUID()).version(1).traced().placed();

		send(withTraceparent(placed, "00-" + traceId + "-" + parentSpanId + "-01"));

		await().atMost(TIMEOUT).until(() -> effects(placed.eventId()) == 1);
		HandlingContext seen = this.faults.context(placed.eventId());
		assertThat(seen.traceId()).isEqualTo(traceId);
		assertThat(seen.legacyTraceId()).isEqualTo(traceId);
		assertThat(seen.eventId()).isEqualTo(placed.eventId());
		assertThat(seen.spanId()).matches(HEX_16).isNotEqualTo(parentSpanId).isEqualTo(seen.currentSpanId());
		if (seen.batchSize() == 1) {
			assertThat(seen.batchTraceId()).isEqualTo(traceId);
		}
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(processSpan(traceId)).isNotNull());
		SpanData span = processSpan(traceId);
		assertThat(span.getSpanId()).isEqualTo(seen.spanId());
		assertThat(span.getParentSpanId()).isEqualTo(parentSpanId);
		assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(span.getName()).isEqualTo(this.topics.source() + " process");
		assertThat(span.getAttributes().asMap()).anySatisfy((key, value) -> {
			assertThat(key.getKey()).isEqualTo("messaging.message.id");
			assertThat(value).isEqualTo(placed.eventId());
		});
	}

	@Test
	void aRecordWithoutTraceparentIsHandledInANewTrace() {
		OutgoingEvent placed = TestOrders.order(UUID.randomUUID()).version(1).traced().placed();
		ProducerRecord<String, byte[]> record = placed.toProducerRecord();
		record.headers().remove(CloudEventHeaders.TRACEPARENT);

		send(record);

		await().atMost(TIMEOUT).until(() -> effects(placed.eventId()) == 1);
		HandlingContext seen = this.faults.context(placed.eventId());
		assertThat(seen.traceId()).matches(HEX_32)
			.isNotEqualTo("0".repeat(32))
			.isNotEqualTo(TestOrders.TRACE_ID)
			.isEqualTo(seen.legacyTraceId());
		assertThat(seen.eventId()).isEqualTo(placed.eventId());
	}

	@Test
	void logLinesAboutAnEventCarryItsTraceIdSpanIdAndEventId(CapturedOutput output) {
		String traceId = randomHex(16);
		// A cancellation without its placement: the runtime logs the sequence gap while
		// it holds the event back.
		OutgoingEvent cancelled = TestOrders.order(UUID.randomUUID()).version(1).traced().cancelled();

		send(withTraceparent(cancelled, "00-" + traceId + "-" + randomHex(8) + "-01"));

		// Held back until its placement arrives (here: never, so it expires).
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.queryForObject("select count(*) from held_event where event_id = ?::uuid",
					Integer.class, cancelled.eventId()) == 1);
		Pattern correlation = Pattern
			.compile("\\[" + traceId + ",[0-9a-f]{16}," + Pattern.quote(cancelled.eventId()) + "\\]");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(output.getOut().lines().filter((line) -> line.contains("GAP")))
				.anySatisfy((line) -> assertThat(line).containsPattern(correlation)));
	}

	private SpanData processSpan(String traceId) {
		List<SpanData> ofTrace = this.spans.ofTrace(traceId);
		return ofTrace.stream().filter((span) -> span.getName().endsWith(" process")).findFirst().orElse(null);
	}

	private static ProducerRecord<String, byte[]> withTraceparent(OutgoingEvent event, String traceparent) {
		ProducerRecord<String, byte[]> record = event.toProducerRecord();
		record.headers().remove(CloudEventHeaders.TRACEPARENT);
		record.headers().add(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
		return record;
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		random[0] |= 1;
		return HexFormat.of().formatHex(random);
	}

}

package dev.orderpipeline.consumer;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextTests {

	@Test
	void putsTheEventIdAndTheTraceIdFromTraceparentIntoTheMdcUntilClosed() {
		try (LogContext context = LogContext.of("e-1", "order.placed.v1",
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")) {
			assertThat(MDC.get("event_id")).isEqualTo("e-1");
			assertThat(MDC.get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		}
		assertThat(MDC.get("event_id")).isNull();
		assertThat(MDC.get("trace_id")).isNull();
	}

	@Test
	void closingANestedContextRestoresTheOuterOne() {
		try (LogContext outer = LogContext.of("e-1", "order.placed.v1",
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")) {
			try (LogContext inner = LogContext.of(null, null, null)) {
				assertThat(MDC.get("event_id")).isNull();
				assertThat(MDC.get("trace_id")).isNull();
			}
			assertThat(MDC.get("event_id")).isEqualTo("e-1");
			assertThat(MDC.get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		}
		assertThat(MDC.get("event_id")).isNull();
	}

	@Test
	void ignoresAMissingOrMalformedTraceparent() {
		assertThat(LogContext.traceId(null)).isNull();
		assertThat(LogContext.traceId("garbage")).isNull();
		assertThat(LogContext.traceId("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).isNull();
		assertThat(LogContext.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isNull();
	}

}

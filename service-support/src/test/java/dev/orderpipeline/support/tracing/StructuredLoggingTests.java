package dev.orderpipeline.support.tracing;

import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README promises: with the tracing every service gets from service-support, one
 * setting ({@code logging.structured.format.console=ecs}) turns log lines into JSON that
 * carries the trace id, the span id and the event id.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	@Test
	void oneSettingMakesLogLinesEcsJsonWithTraceIdSpanIdAndEventId(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("logging.structured.format.console=ecs", "spring.application.name=structured-logs")
			.run()) {
			Tracer tracer = context.getBean(Tracer.class);
			Span span = tracer.nextSpan().name("handle").start();
			try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
				MDC.put("event_id", "5ccc0803-f443-4e7f-8dcd-8f116ea3dbcb");
				LoggerFactory.getLogger(StructuredLoggingTests.class).info("handled one event");
			}
			finally {
				MDC.remove("event_id");
				span.end();
			}

			List<String> lines = output.getOut().lines().filter((line) -> line.contains("handled one event")).toList();
			assertThat(lines).singleElement().satisfies((line) -> {
				DocumentContext json = JsonPath.parse(line);
				assertThat(json.read("$.message", String.class)).isEqualTo("handled one event");
				assertThat(json.read("$.service.name", String.class)).isEqualTo("structured-logs");
				assertThat(json.read("$.traceId", String.class)).isEqualTo(span.context().traceId());
				assertThat(json.read("$.spanId", String.class)).isEqualTo(span.context().spanId());
				assertThat(json.read("$.event_id", String.class)).isEqualTo("5ccc0803-f443-4e7f-8dcd-8f116ea3dbcb");
			});
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}

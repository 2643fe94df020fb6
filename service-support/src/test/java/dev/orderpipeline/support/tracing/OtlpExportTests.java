package dev.orderpipeline.support.tracing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OTLP export is off unless an endpoint is configured (no exporter, so nothing is sent
 * and nothing fails when no collector runs), and one property turns it on. A local HTTP
 * server plays the collector.
 */
class OtlpExportTests {

	private final List<String> received = new CopyOnWriteArrayList<>();

	private HttpServer collector;

	@BeforeEach
	void startCollector() throws IOException {
		this.collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.collector.createContext("/v1/traces", (exchange) -> {
			// OTLP protobuf carries names and tag values as plain UTF-8 bytes.
			this.received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
					+ " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.collector.start();
	}

	@AfterEach
	void stopCollector() {
		this.collector.stop(0);
	}

	@Test
	void withoutAnEndpointThereIsNoExporterAndEveryTraceIsSampled() {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
			Span span = context.getBean(Tracer.class).nextSpan().name("not exported").start();
			assertThat(span.context().sampled()).isTrue();
			span.end();
		}
		assertThat(this.received).isEmpty();
	}

	@Test
	void anEndpointSendsSpansOverOtlpHttpButNotThoseOfActuatorRequests() {
		String endpoint = "http://127.0.0.1:" + this.collector.getAddress().getPort() + "/v1/traces";
		try (ConfigurableApplicationContext context = run(
				"management.opentelemetry.tracing.export.otlp.endpoint=" + endpoint,
				"management.opentelemetry.tracing.export.schedule-delay=50ms")) {
			Tracer tracer = context.getBean(Tracer.class);
			tracer.nextSpan().name("prometheus scrape").tag("uri", "/actuator/prometheus").start().end();
			tracer.nextSpan().name("order placement").tag("uri", "/orders").start().end();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.received.stream().anyMatch((body) -> body.contains("order placement")));
		}
		assertThat(this.received).allSatisfy((request) -> assertThat(request).startsWith("POST application/x-protobuf")
			.doesNotContain("prometheus scrape"));
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}

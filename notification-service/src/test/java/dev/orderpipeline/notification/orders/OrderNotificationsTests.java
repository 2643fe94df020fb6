package dev.orderpipeline.notification.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.orderpipeline.events.kafka.OutgoingEvent;
import dev.orderpipeline.notification.TestSmtpServer;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithRealInfrastructure;
import dev.orderpipeline.testing.events.TestOrder;
import dev.orderpipeline.testing.events.TestOrders;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The service end to end: real CloudEvents records on the real broker, the real
 * PostgreSQL, and a real SMTP server (GreenMail) that receives the emails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@Import(TestSmtpServer.class)
class OrderNotificationsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** The tenant of the orders here: the ops user's in {@code TestTokens}. */
	private static final String TENANT = TestOrders.TENANT;

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private JdbcTemplate jdbc;

	/**
	 * Boot's producer settings: they include the broker's connection details in either
	 * test mode.
	 */
	@Autowired
	private ProducerFactory<?, ?> producerFactory;

	@Value("${local.server.port}")
	private int port;

	@AfterEach
	void smtpServerIsUpForTheNextTest() {
		TestSmtpServer.start();
	}

	@Test
	void sendsOneConfirmationForAnEventDeliveredThreeTimesAndTheCancellationAfterIt() throws Exception {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placement = placedV1(orderId, "ada@example.com");
		OutgoingEvent cancellation = cancelled(orderId);

		send(placement, placement, placement, cancellation);

		// The cancellation follows the three copies on the order's partition: once its
		// email
		// is out, every copy of the placement has been consumed.
		await().atMost(TIMEOUT).until(() -> TestSmtpServer.withMessageId(messageId(cancellation)).size() == 1);
		assertThat(TestSmtpServer.withMessageId(messageId(placement))).hasSize(1);
		awaitAllSent(orderId);
		List<MimeMessage> received = TestSmtpServer.received();
		assertThat(received.indexOf(TestSmtpServer.withMessageId(messageId(placement)).get(0)))
			.isLessThan(received.indexOf(TestSmtpServer.withMessageId(messageId(cancellation)).get(0)));
		assertThat(notifications(orderId))
			.extracting((row) -> row.get("kind"), (row) -> row.get("recipient"), (row) -> row.get("status"),
					(row) -> row.get("attempts"))
			.containsExactly(tuple("ORDER_CONFIRMATION", "ada@example.com", "SENT", 1),
					tuple("ORDER_CANCELLATION", "ada@example.com", "SENT", 1));
		assertThat(notifications(orderId)).allSatisfy((row) -> assertThat(row.get("sent_at")).isNotNull());
		assertThat(this.jdbc.queryForObject("select count(*) from processed_event where event_id = ?::uuid",
				Integer.class, placement.eventId()))
			.isOne();
	}

	@Test
	void aDuplicateArrivingAfterTheEmailWasSentSendsNoSecondEmail() throws Exception {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placement = placedV1(orderId, "grace@example.com");
		send(placement);
		await().atMost(TIMEOUT).until(() -> TestSmtpServer.withMessageId(messageId(placement)).size() == 1);

		OutgoingEvent marker = cancelled(orderId, "grace@example.com");
		send(placement, marker);

		await().atMost(TIMEOUT).until(() -> TestSmtpServer.withMessageId(messageId(marker)).size() == 1);
		assertThat(TestSmtpServer.withMessageId(messageId(placement))).hasSize(1);
	}

	@Test
	void emailsHaveTextAndHtmlPartsWithTheLinesAndTotalsAndEscapeTheHtml() throws Exception {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placement = placedV2(orderId, "linus@example.com");
		// A v1 cancellation: its email repeats the order as this service recorded it.
		OutgoingEvent cancellation = cancelledV1(orderId);

		send(placement, cancellation);

		await().atMost(TIMEOUT).until(() -> TestSmtpServer.withMessageId(messageId(cancellation)).size() == 1);
		MimeMessage confirmation = TestSmtpServer.withMessageId(messageId(placement)).get(0);
		assertThat(confirmation.getSubject()).isEqualTo("Your order " + orderId + " is confirmed");
		assertThat(confirmation.getFrom()[0].toString()).isEqualTo("orders@orderpipeline.dev");
		assertThat(confirmation.getAllRecipients()[0].toString()).isEqualTo("linus@example.com");
		assertThat(part(confirmation, "text/plain")).contains("2 x Pens <b>&</b> Ink (PEN-2) at 2.50 EUR = 5.00 EUR")
			.contains("1 x Notes (BOOK-1) at 19.99 EUR = 19.99 EUR")
			.contains("Subtotal: 24.99 EUR")
			.contains("Tax:      5.00 EUR")
			.contains("Total:    29.99 EUR");
		assertThat(part(confirmation, "text/html")).contains("<td>Pens &lt;b&gt;&amp;&lt;/b&gt; Ink</td>")
			.doesNotContain("<b>&</b>")
			.contains("19.99 EUR")
			.contains("<td colspan=\"4\">Total</td><td align=\"right\">29.99 EUR</td>");

		MimeMessage cancelled = TestSmtpServer.withMessageId(messageId(cancellation)).get(0);
		assertThat(cancelled.getSubject()).isEqualTo("Your order " + orderId + " was cancelled");
		assertThat(part(cancelled, "text/plain")).contains("Reason: changed my mind")
			.contains("2 x Pens <b>&</b> Ink (PEN-2)")
			.contains("Total not charged: 29.99 EUR");
		assertThat(part(cancelled, "text/html")).contains("Pens &lt;b&gt;&amp;&lt;/b&gt; Ink").contains("29.99 EUR");
	}

	@Test
	void anSmtpOutageDelaysTheEmailsWhichAreSentOnceAndInOrderWhenTheServerIsBack() throws Exception {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placement = placedV1(orderId, "barbara@example.com");
		OutgoingEvent cancellation = cancelled(orderId, "barbara@example.com");
		TestSmtpServer.stop();

		send(placement, cancellation);

		await().atMost(TIMEOUT).until(() -> {
			List<Map<String, Object>> rows = notifications(orderId);
			return rows.size() == 2 && "PENDING".equals(rows.get(0).get("status"))
					&& ((Integer) rows.get(0).get("attempts")) >= 3 && rows.get(0).get("last_error") != null;
		});
		// The cancellation is not even tried while the confirmation is unsent.
		assertThat(notifications(orderId).get(1)).containsEntry("status", "PENDING").containsEntry("attempts", 0);
		DocumentContext health = getJson("/actuator/health");
		assertThat(health.read("$.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.emailDelivery.details.smtp", String.class)).isEqualTo("unreachable");
		assertThat(health.read("$.components.emailDelivery.details.waiting", Integer.class)).isPositive();

		TestSmtpServer.start();

		awaitAllSent(orderId);
		assertThat(TestSmtpServer.withMessageId(messageId(placement))).hasSize(1);
		assertThat(TestSmtpServer.withMessageId(messageId(cancellation))).hasSize(1);
		List<MimeMessage> received = TestSmtpServer.received();
		assertThat(received.indexOf(TestSmtpServer.withMessageId(messageId(placement)).get(0)))
			.isLessThan(received.indexOf(TestSmtpServer.withMessageId(messageId(cancellation)).get(0)));
		assertThat(getJson("/actuator/health").read("$.components.emailDelivery.details.smtp", String.class))
			.isEqualTo("reachable");
	}

	/**
	 * Issue 13 item 2, seen from outside: before the runtime's ordering gate, the
	 * cancellation was recorded without a recipient and the late placement skipped, so
	 * the customer got no email at all.
	 */
	@Test
	void aCancellationPublishedBeforeItsPlacementWaitsForItAndBothEmailsGoOut() throws Exception {
		UUID cancelledFirst = UUID.randomUUID();
		OutgoingEvent cancellation = cancelledV1(cancelledFirst);
		OutgoingEvent latePlacement = placedV1(cancelledFirst, "edsger@example.com");

		send(cancellation, latePlacement);

		await().atMost(TIMEOUT).until(() -> TestSmtpServer.withMessageId(messageId(cancellation)).size() == 1);
		awaitAllSent(cancelledFirst);
		assertThat(notifications(cancelledFirst))
			.extracting((row) -> row.get("kind"), (row) -> row.get("recipient"), (row) -> row.get("status"))
			.containsExactly(tuple("ORDER_CONFIRMATION", "edsger@example.com", "SENT"),
					tuple("ORDER_CANCELLATION", "edsger@example.com", "SENT"));
		assertThat(TestSmtpServer.withMessageId(messageId(latePlacement))).hasSize(1);
	}

	@Test
	void listsNotificationsByOrderAndRecipientAndShowsOneWithItsBodies() throws Exception {
		UUID orderId = UUID.randomUUID();
		String recipient = "list-" + orderId + "@example.com";
		OutgoingEvent placement = placedV1(orderId, recipient);
		OutgoingEvent cancellation = cancelled(orderId, recipient);
		send(placement, cancellation);
		await().atMost(TIMEOUT).until(() -> TestSmtpServer.withMessageId(messageId(cancellation)).size() == 1);
		awaitAllSent(orderId);

		DocumentContext byOrder = getJson("/notifications?orderId=" + orderId);
		assertThat(byOrder.read("$.items[*].kind", List.class)).containsExactly("ORDER_CANCELLATION",
				"ORDER_CONFIRMATION");
		assertThat(byOrder.read("$.items[*].status", List.class)).containsExactly("SENT", "SENT");
		assertThat(byOrder.read("$.items[0].eventId", String.class)).isEqualTo(cancellation.eventId().toString());
		assertThat(byOrder.read("$.items[0].sentAt", String.class)).isNotNull();
		assertThat(byOrder.read("$.hasNext", Boolean.class)).isFalse();

		DocumentContext firstPage = getJson("/notifications?recipient=" + recipient + "&size=1");
		assertThat(firstPage.read("$.items.length()", Integer.class)).isOne();
		assertThat(firstPage.read("$.hasNext", Boolean.class)).isTrue();
		assertThat(getJson("/notifications?recipient=" + recipient + "&status=SENT&page=1&size=1")
			.read("$.items[0].kind", String.class)).isEqualTo("ORDER_CONFIRMATION");

		long id = byOrder.read("$.items[1].id", Long.class);
		DocumentContext one = getJson("/notifications/" + id);
		assertThat(one.read("$.textBody", String.class)).contains("Total:    19.99 EUR");
		assertThat(one.read("$.htmlBody", String.class)).contains("<table>");
	}

	@Test
	void badQueryParametersAreProblemDocumentsNamingTheParameter() throws Exception {
		assertProblem("/notifications?size=101", 400, "size");
		assertProblem("/notifications?size=0", 400, "size");
		assertProblem("/notifications?page=-1", 400, "page");
		assertProblem("/notifications?orderId=not-a-uuid", 400, "orderId");
		assertProblem("/notifications?status=LOST", 400, "status");
		HttpResponse<String> notFound = get("/notifications/999999999");
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(notFound.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> notFailed = send("POST", "/notifications/999999999/resend",
				TestTokens.token(TestTokens.OPS_SUBJECT, TENANT, null, "ops"));
		assertThat(notFailed.statusCode()).isEqualTo(404);
	}

	@Test
	void anotherTenantsNotificationsAreNotFoundAndCustomersMayNotReadAny() throws Exception {
		UUID orderId = UUID.randomUUID();
		OutgoingEvent placement = TestOrders.order(orderId)
			.version(1)
			.tenant("globex")
			.customer("c-9", "globex-" + orderId + "@example.com")
			.line("BOOK-1", "Notes", 1, 100)
			.placed();
		send(placement);
		awaitAllSent(orderId);
		long id = (Long) notifications(orderId).get(0).get("id");
		String acmeOps = TestTokens.token(TestTokens.OPS_SUBJECT, TENANT, null, "ops");
		String globexOps = TestTokens.token(TestTokens.OPS_SUBJECT, "globex", null, "ops");

		assertThat(getJson("/notifications?orderId=" + orderId).read("$.items.length()", Integer.class)).isZero();
		assertThat(send("GET", "/notifications/" + id, acmeOps).statusCode()).isEqualTo(404);
		assertThat(send("POST", "/notifications/" + id + "/resend", acmeOps).statusCode()).isEqualTo(404);
		HttpResponse<String> own = send("GET", "/notifications?orderId=" + orderId, globexOps);
		assertThat(JsonPath.parse(own.body()).read("$.items[*].id", List.class)).containsExactly((int) id);
		assertThat(send("GET", "/notifications/" + id, globexOps).statusCode()).isEqualTo(200);

		String customer = TestTokens.customer("c-9", "globex");
		for (String path : List.of("/notifications?orderId=" + orderId, "/notifications/" + id, "/dead-letters")) {
			HttpResponse<String> refused = send("GET", path, customer);
			assertThat(refused.statusCode()).as(path).isEqualTo(403);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(refused.body()).doesNotContain("globex-");
		}
		assertThat(send("POST", "/dead-letters/replay-all", customer).statusCode()).isEqualTo(403);
		HttpResponse<String> anonymous = send("GET", "/notifications/" + id, null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
		assertThat(anonymous.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(send("GET", "/notifications/" + id, TestTokens.expired("c-9", "globex")).statusCode())
			.isEqualTo(401);
		assertThat(send("GET", "/notifications/" + id, TestTokens.signedByAnotherKey("c-9", "globex")).statusCode())
			.isEqualTo(401);
	}

	@Test
	void theOpenApiDocumentDescribesTheEndpoints() throws Exception {
		DocumentContext api = getJson("/v3/api-docs");
		assertThat(api.read("$.paths['/notifications'].get.parameters[*].name", List.class)).contains("orderId",
				"recipient", "status", "page", "size");
		assertThat(api.read("$.paths['/notifications/{id}/resend'].post.responses", Map.class)).containsKeys("202",
				"404", "409");
		assertThat(api.read("$.paths['/notifications/{id}'].get.responses['404'].content", Map.class))
			.containsKey("application/problem+json");
	}

	private void assertProblem(String path, int status, String field) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JsonPath.parse(response.body()).read("$.errors[*].field", List.class)).as(path).contains(field);
	}

	private DocumentContext getJson(String path) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send("GET", path, TestTokens.token(TestTokens.OPS_SUBJECT, TENANT, null, "ops"));
	}

	private HttpResponse<String> send(String method, String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", TestTokens.bearer(token));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** The SMTP server has the message a moment before the sender records SENT. */
	private void awaitAllSent(UUID orderId) {
		await().atMost(TIMEOUT)
			.until(() -> notifications(orderId),
					(rows) -> !rows.isEmpty() && rows.stream().allMatch((row) -> "SENT".equals(row.get("status"))));
	}

	private List<Map<String, Object>> notifications(UUID orderId) {
		return this.jdbc.queryForList("select * from notification where order_id = ? order by id", orderId);
	}

	private void send(OutgoingEvent... events) throws Exception {
		try (var producer = new KafkaProducer<>(new HashMap<>(this.producerFactory.getConfigurationProperties()),
				new StringSerializer(), new ByteArraySerializer())) {
			for (OutgoingEvent event : events) {
				producer.send(event.toProducerRecord()).get();
			}
		}
	}

	private static String messageId(OutgoingEvent event) {
		return "<" + event.eventId() + "@notification-service.orderpipeline.dev>";
	}

	/** The content of the first part of this type, however deeply nested. */
	private static String part(Part part, String mimeType) throws MessagingException, IOException {
		if (part.isMimeType(mimeType)) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				String found = part(child, mimeType);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/** One notebook at 19.99 EUR, no tax, ordered by c-1. */
	private static TestOrder notebook(UUID orderId, String email) {
		return TestOrders.order(orderId).customer("c-1", email).line("BOOK-1", "Notes", 1, 1999);
	}

	private static OutgoingEvent placedV1(UUID orderId, String email) {
		return notebook(orderId, email).version(1).placed();
	}

	/** A notebook and pens whose name needs HTML escaping, with tax: 29.99 EUR. */
	private static OutgoingEvent placedV2(UUID orderId, String email) {
		return TestOrders.order(orderId)
			.customer("c-2", email)
			.line("BOOK-1", "Notes", 1, 1999)
			.line("PEN-2", "Pens <b>&</b> Ink", 2, 250)
			.tax(500)
			.placed();
	}

	/** An {@code order.cancelled.v2}, as order-service publishes it: with the order. */
	private static OutgoingEvent cancelled(UUID orderId) {
		return cancelled(orderId, "ada@example.com");
	}

	private static OutgoingEvent cancelled(UUID orderId, String email) {
		return notebook(orderId, email).cancelled();
	}

	private static OutgoingEvent cancelledV1(UUID orderId) {
		return notebook(orderId, "ada@example.com").version(1).cancelled();
	}

}

package dev.orderpipeline.localrun;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) for the local run, so notification-service sends real
 * mail, and a small web page to read what arrived. Mail is kept in memory only.
 */
final class LocalMailServer implements AutoCloseable {

	private final GreenMail smtp;

	private final HttpServer web;

	private LocalMailServer(GreenMail smtp, HttpServer web) {
		this.smtp = smtp;
		this.web = web;
	}

	static LocalMailServer start(int smtpPort, int webPort) throws IOException {
		GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), webPort), 0);
		LocalMailServer server = new LocalMailServer(smtp, web);
		web.createContext("/", server::serve);
		web.start();
		return server;
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			List<MimeMessage> messages = Arrays.asList(smtp.getReceivedMessages());
			if (path.equals("/")) {
				respond(exchange, 200, "text/html", listPage(messages));
			}
			else if (path.equals("/message-ids")) {
				// For the fault suite: did every email reach the server exactly once?
				StringBuilder ids = new StringBuilder();
				for (MimeMessage message : messages) {
					ids.append(message.getMessageID()).append('\n');
				}
				respond(exchange, 200, "text/plain", ids.toString());
			}
			else if (path.matches("/messages/\\d+(/html)?")) {
				int index = Integer.parseInt(path.split("/")[2]);
				if (index >= messages.size()) {
					respond(exchange, 404, "text/plain", "No message " + index);
				}
				else if (path.endsWith("/html")) {
					String html = part(messages.get(index), "text/html");
					respond(exchange, 200, "text/html", html != null ? html : "(no HTML part)");
				}
				else {
					respond(exchange, 200, "text/html", messagePage(index, messages.get(index)));
				}
			}
			else {
				respond(exchange, 404, "text/plain", "Not found");
			}
		}
		catch (MessagingException ex) {
			respond(exchange, 500, "text/plain", "Could not read the message: " + ex.getMessage());
		}
	}

	private static String listPage(List<MimeMessage> messages) throws MessagingException {
		StringBuilder rows = new StringBuilder();
		for (int i = messages.size() - 1; i >= 0; i--) {
			Message message = messages.get(i);
			rows.append("<tr><td>")
				.append(escape(String.valueOf(received(message))))
				.append("</td><td>")
				.append(escape(Arrays.toString(message.getAllRecipients())))
				.append("</td><td><a href=\"/messages/")
				.append(i)
				.append("\">")
				.append(escape(message.getSubject()))
				.append("</a></td></tr>");
		}
		return page("Local mail (" + messages.size() + ")",
				"<table><tr><th>Received</th><th>To</th><th>Subject</th></tr>" + rows + "</table>");
	}

	private static String messagePage(int index, MimeMessage message) throws MessagingException, IOException {
		String text = part(message, "text/plain");
		return page(escape(message.getSubject()),
				"<p><a href=\"/\">All mail</a> · <a href=\"/messages/" + index + "/html\">HTML part</a></p>"
						+ "<p>From: " + escape(Arrays.toString(message.getFrom())) + "<br>To: "
						+ escape(Arrays.toString(message.getAllRecipients())) + "<br>Message-ID: "
						+ escape(message.getMessageID()) + "</p><pre>" + escape(text != null ? text : "(no text part)")
						+ "</pre>");
	}

	private static Date received(Message message) throws MessagingException {
		return message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate();
	}

	private static String part(Part part, String mimeType) throws MessagingException, IOException {
		if (part.isMimeType(mimeType)) {
			return String.valueOf(part.getContent());
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				String found = part(body, mimeType);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static String page(String title, String body) {
		return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title>"
				+ "<style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 12px;text-align:left}"
				+ "pre{background:#f4f4f4;padding:1em}</style></head><body><h1>" + title + "</h1>" + body
				+ "</body></html>";
	}

	private static String escape(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		web.stop(0);
		smtp.stop();
	}

}

package dev.orderpipeline.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A real SMTP server (GreenMail) on a port chosen once per JVM, that a test can stop and
 * start again on the same port to simulate an outage. Imported by every
 * {@code @SpringBootTest} of this module so they share one application context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSmtpServer {

	private static final int PORT = freePort();

	private static final List<MimeMessage> receivedBeforeRestart = new ArrayList<>();

	private static GreenMail running;

	static {
		start();
	}

	@Bean
	DynamicPropertyRegistrar smtpServerProperties() {
		return (registry) -> {
			registry.add("spring.mail.host", () -> "127.0.0.1");
			registry.add("spring.mail.port", () -> PORT);
		};
	}

	public static int port() {
		return PORT;
	}

	public static synchronized void start() {
		if (running == null) {
			running = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			running.start();
		}
	}

	/** Stops the server; what it received stays in {@link #received()}. */
	public static synchronized void stop() {
		if (running != null) {
			receivedBeforeRestart.addAll(Arrays.asList(running.getReceivedMessages()));
			running.stop();
			running = null;
		}
	}

	/** Every message received since the JVM started, across restarts. */
	public static synchronized List<MimeMessage> received() {
		List<MimeMessage> all = new ArrayList<>(receivedBeforeRestart);
		if (running != null) {
			all.addAll(Arrays.asList(running.getReceivedMessages()));
		}
		return all;
	}

	/** Messages with this Message-ID. */
	public static List<MimeMessage> withMessageId(String messageId) {
		return received().stream().filter((message) -> messageId.equals(messageId(message))).toList();
	}

	public static String messageId(MimeMessage message) {
		try {
			return message.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

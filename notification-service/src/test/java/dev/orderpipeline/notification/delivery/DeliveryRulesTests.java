package dev.orderpipeline.notification.delivery;

import java.time.Duration;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryRulesTests {

	@Test
	void backOffGrowsByTheMultiplierUpToTheCap() {
		DeliveryProperties.Retry retry = new DeliveryProperties.Retry(Duration.ofSeconds(5), 2.0, Duration.ofMinutes(5),
				12);

		assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
		assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
		assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofSeconds(40));
		assertThat(retry.delayAfter(7)).isEqualTo(Duration.ofMinutes(5));
		assertThat(retry.delayAfter(1000)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void anAddressTheServerRejectedForGoodOrThatDoesNotParseIsPermanent() throws Exception {
		SendFailedException rejected = new SendFailedException("550 no such user", null, new InternetAddress[0],
				new InternetAddress[0], new InternetAddress[] { new InternetAddress("nobody@example.com") });

		assertThat(SendFailures.isPermanent(new MailSendException("failed", rejected))).isTrue();
		assertThat(SendFailures.isPermanent(new AddressException("Missing final '@domain'"))).isTrue();
	}

	@Test
	void connectionFailuresAndTemporaryRejectionsAreRetried() throws Exception {
		SendFailedException tryLater = new SendFailedException("451 try later", null, new InternetAddress[0],
				new InternetAddress[] { new InternetAddress("ada@example.com") }, new InternetAddress[0]);

		assertThat(SendFailures.isPermanent(tryLater)).isFalse();
		assertThat(SendFailures.isPermanent(
				new MailSendException("Mail server connection failed", new MessagingException("Connection refused"))))
			.isFalse();
	}

}

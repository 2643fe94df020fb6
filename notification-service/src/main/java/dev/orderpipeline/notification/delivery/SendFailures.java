package dev.orderpipeline.notification.delivery;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;

/** Tells a message the SMTP server will never accept from one worth trying again. */
final class SendFailures {

	private SendFailures() {
	}

	/**
	 * Permanent: an address that does not parse, or that the server rejected with a 5xx
	 * reply (it lists those as invalid addresses; 4xx replies are listed as
	 * valid-unsent). Everything else (connection refused, timeouts, 4xx) is transient.
	 */
	static boolean isPermanent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof AddressException) {
				return true;
			}
			if (cause instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
					&& sendFailed.getInvalidAddresses().length > 0) {
				return true;
			}
		}
		return false;
	}

	static String describe(Throwable failure) {
		String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		return (message.length() > 1000) ? message.substring(0, 1000) : message;
	}

	private static Throwable next(Throwable failure) {
		if (failure instanceof jakarta.mail.MessagingException messaging && messaging.getNextException() != null
				&& messaging.getNextException() != failure) {
			return messaging.getNextException();
		}
		return (failure.getCause() != failure) ? failure.getCause() : null;
	}

}

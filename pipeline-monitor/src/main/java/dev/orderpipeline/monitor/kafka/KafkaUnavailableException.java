package dev.orderpipeline.monitor.kafka;

/** The broker did not answer a refresh in time, or answered with an error. */
public class KafkaUnavailableException extends RuntimeException {

	KafkaUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}

package dev.orderpipeline.infra;

/** The real infrastructure could not be started or stopped; the message says why. */
public class InfrastructureException extends RuntimeException {

	public InfrastructureException(String message) {
		super(message);
	}

	public InfrastructureException(String message, Throwable cause) {
		super(message, cause);
	}

}

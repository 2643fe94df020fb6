package dev.orderpipeline.consumer;

import dev.orderpipeline.events.EventFormatException;
import dev.orderpipeline.support.database.LostDatabase;
import org.apache.kafka.common.errors.SerializationException;

import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;
import org.springframework.kafka.support.serializer.DeserializationException;

/** How the runtime classifies what went wrong with a record. */
final class Failures {

	private Failures() {
	}

	/**
	 * Strips the container's wrappers to the exception that says what failed.
	 * @param exception as thrown by or around the listener
	 * @return the meaningful exception
	 */
	static Exception unwrap(Exception exception) {
		Throwable current = exception;
		while ((current instanceof ListenerExecutionFailedException || current instanceof BatchListenerFailedException
				|| current instanceof TimestampedException) && current.getCause() != null) {
			current = current.getCause();
		}
		return (current instanceof Exception ex) ? ex : exception;
	}

	/**
	 * Errors that cannot succeed later: retrying wastes time, so they go to the
	 * dead-letter topic at once.
	 * @param exception the failure
	 * @return whether the record is dead-lettered without retries
	 */
	static boolean isPermanent(Throwable exception) {
		for (Throwable current = exception; current != null; current = current.getCause()) {
			if (current instanceof EventFormatException || current instanceof PermanentEventFailure
					|| current instanceof DeserializationException || current instanceof SerializationException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	/**
	 * Failures of the database itself rather than of one record. Forwarding every record
	 * of a batch to the retry topics because the database is down would only move the
	 * outage into the dead-letter topic; the records are polled again instead.
	 * @param exception the failure
	 * @return whether the database could not be reached
	 */
	static boolean isInfrastructure(Throwable exception) {
		return LostDatabase.in(exception);
	}

	/**
	 * @param exception as thrown by or around the listener
	 * @return the listener's report of which record failed, or {@code null}
	 */
	static BatchListenerFailedException blamedRecord(Throwable exception) {
		for (Throwable current = exception; current != null; current = current.getCause()) {
			if (current instanceof BatchListenerFailedException blamed) {
				return blamed;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	/**
	 * Failures that pass by themselves: the database unreachable, or a transient SQL
	 * error (timeout, deadlock, serialization failure). Anything else will fail the same
	 * way for the same record however often it is tried.
	 * @param exception the failure
	 * @return whether trying again later can succeed
	 */
	static boolean isTransient(Throwable exception) {
		for (Throwable current = exception; current != null; current = current.getCause()) {
			if (current instanceof TransientDataAccessException || current instanceof RecoverableDataAccessException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return isInfrastructure(exception);
	}

	/**
	 * A low-cardinality tag value for a failure: the simple class name of the meaningful
	 * exception.
	 * @param exception the failure
	 * @return the class name
	 */
	static String tag(Exception exception) {
		return unwrap(exception).getClass().getSimpleName();
	}

}

package dev.orderpipeline.support.problem;

import java.io.IOException;

/**
 * Thrown while reading a body without Content-Length once it passes the limit; an
 * IOException so that message converters pass it on as an unreadable body.
 */
class RequestBodyTooLargeException extends IOException {

	RequestBodyTooLargeException(long limit) {
		super("The request body exceeds " + limit + " bytes.");
	}

}

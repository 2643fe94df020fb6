package dev.orderpipeline.orders.outbox.parked;

import dev.orderpipeline.support.problem.ProblemTypes;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No parked row with that id: it never existed, was re-queued already, or was published.
 * An {@link ErrorResponseException}, so the service's problem handler renders it like
 * every other 404.
 */
class ParkedRowNotFoundException extends ErrorResponseException {

	ParkedRowNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(long id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No parked outbox row " + id + ": it does not exist, or it was re-queued or published already");
		problem.setType(ProblemTypes.NOT_FOUND);
		problem.setTitle("Parked row not found");
		return problem;
	}

}

package dev.orderpipeline.orders.outbox.parked;

import java.util.ArrayList;
import java.util.List;

import dev.orderpipeline.support.problem.FieldError;
import dev.orderpipeline.support.problem.InvalidRequestException;
import dev.orderpipeline.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Parked outbox rows for operators, instead of hand-run SQL: list them with their error,
 * and put them back in the queue with a reason once the cause is fixed. Every re-queue is
 * audited (who, why, the error it was parked with) and counted.
 */
@RestController
@RequestMapping(path = "/ops/outbox", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Operations", description = "Parked outbox rows (role ops)")
class ParkedRowsController {

	private static final Logger logger = LoggerFactory.getLogger(ParkedRowsController.class);

	static final int MAX_LIMIT = 500;

	static final int MAX_REASON = 500;

	private final ParkedRows rows;

	ParkedRowsController(ParkedRows rows) {
		this.rows = rows;
	}

	/** A page of parked rows; {@code nextAfter} is null on the last page. */
	record ParkedRowPage(List<ParkedRow> rows, Long nextAfter) {
	}

	/** Why the operator re-queues: 1-500 printable characters, kept in the audit. */
	record RequeueRequest(String reason) {
	}

	record RequeueResult(int requeued, List<Requeue> audit) {
	}

	@GetMapping("/parked")
	@Operation(summary = "Parked rows, oldest first, after the given id")
	ParkedRowPage list(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "50") int limit) {
		checkPaging(after, limit);
		List<ParkedRow> page = this.rows.list(after, limit + 1);
		boolean more = page.size() > limit;
		List<ParkedRow> shown = more ? page.subList(0, limit) : page;
		return new ParkedRowPage(shown, more ? shown.get(shown.size() - 1).id() : null);
	}

	@GetMapping("/parked/{id}")
	@Operation(summary = "One parked row")
	ParkedRow one(@PathVariable long id) {
		return this.rows.find(id).orElseThrow(() -> new ParkedRowNotFoundException(id));
	}

	@PostMapping(path = "/parked/{id}/requeue", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Put one parked row back in the queue, with a reason")
	RequeueResult requeue(@PathVariable long id, @RequestBody RequeueRequest request) {
		String reason = reason(request);
		Requeue done = this.rows.requeue(id, Caller.current().subject(), reason)
			.orElseThrow(() -> new ParkedRowNotFoundException(id));
		return requeued(List.of(done));
	}

	@PostMapping(path = "/parked/requeue-all", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Put the oldest parked rows back in the queue (at most limit), with a reason")
	RequeueResult requeueAll(@RequestParam(defaultValue = "100") int limit, @RequestBody RequeueRequest request) {
		checkPaging(0, limit);
		String reason = reason(request);
		return requeued(this.rows.requeueOldest(limit, Caller.current().subject(), reason));
	}

	@GetMapping("/requeues")
	@Operation(summary = "The latest re-queues, newest first: the audit")
	List<Requeue> history(@RequestParam(defaultValue = "50") int limit) {
		checkPaging(0, limit);
		return this.rows.history(limit);
	}

	private RequeueResult requeued(List<Requeue> done) {
		for (Requeue requeue : done) {
			logger.info("Outbox row {} (event {}, order {}) re-queued by {}: {}", requeue.outboxId(), requeue.eventId(),
					requeue.orderId(), requeue.requeuedBy(), requeue.reason());
		}
		return new RequeueResult(done.size(), done);
	}

	private static String reason(RequeueRequest request) {
		String reason = (request.reason() != null) ? request.reason().strip() : "";
		if (reason.isEmpty() || reason.length() > MAX_REASON || !reason.codePoints().allMatch(Character::isDefined)
				|| reason.codePoints().anyMatch(Character::isISOControl)) {
			throw new InvalidRequestException("reason",
					"must be 1-" + MAX_REASON + " printable characters: say why the row may go now");
		}
		return reason;
	}

	private static void checkPaging(long after, int limit) {
		List<FieldError> errors = new ArrayList<>();
		if (after < 0) {
			errors.add(new FieldError("after", "must be 0 or more"));
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
	}

}

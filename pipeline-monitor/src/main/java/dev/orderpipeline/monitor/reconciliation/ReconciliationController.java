package dev.orderpipeline.monitor.reconciliation;

import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.orderpipeline.checker.CheckWindow;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation for operators (role ops, like all of {@code /api/**}):
 * {@code GET /api/reconciliation?from=&to=} checks a window now,
 * {@code GET /api/reconciliation/last} shows the last check without running one,
 * {@code POST /api/reconciliation/redeliver} re-delivers one missing event to its group's
 * retry path, audited, and {@code GET /api/reconciliation/redeliveries} lists the latest
 * re-deliveries.
 */
@RestController
class ReconciliationController {

	static final String CONFIRMATION_HEADER = "X-Pipeline-Monitor";

	private final ObjectProvider<Reconciliation> reconciliation;

	ReconciliationController(ObjectProvider<Reconciliation> reconciliation) {
		this.reconciliation = reconciliation;
	}

	/**
	 * Runs the checker for orders created in {@code [from, to)}.
	 * @param from ISO-8601 instant; default {@code to} less the scheduled window (24 h)
	 * @param to ISO-8601 instant; default now
	 * @return the result, or a problem
	 */
	@GetMapping("/api/reconciliation")
	ResponseEntity<?> reconcile(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		Reconciliation service = this.reconciliation.getIfAvailable();
		if (service == null) {
			return notConfigured();
		}
		CheckWindow window;
		try {
			Instant end = (to != null) ? Instant.parse(to) : Instant.now();
			Instant start = (from != null) ? Instant.parse(from) : end.minus(service.defaultWindow());
			window = new CheckWindow(start, end);
		}
		catch (DateTimeParseException | IllegalArgumentException ex) {
			return problem(HttpStatus.BAD_REQUEST, "Invalid window",
					"from and to are ISO-8601 instants (2026-12-02T10:00:00Z), from before to: " + ex.getMessage());
		}
		try {
			return ResponseEntity.ok(service.run(window));
		}
		catch (ReconciliationBusyException ex) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "Reconciliation busy", ex.getMessage());
		}
		catch (IllegalStateException ex) {
			// A database or the broker could not be read.
			return problem(HttpStatus.BAD_GATEWAY, "A store could not be read", ex.getMessage());
		}
	}

	@GetMapping("/api/reconciliation/last")
	ResponseEntity<?> last() {
		Reconciliation service = this.reconciliation.getIfAvailable();
		if (service == null) {
			return notConfigured();
		}
		return service.last()
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No reconciliation yet",
					"No reconciliation has completed since the monitor started"));
	}

	/**
	 * Re-delivers one missing event to the group's first retry topic.
	 * @param request which event, as reconciliation listed it
	 * @param confirmation must be {@code redeliver}: a page on another origin cannot send
	 * this header without a CORS preflight, which the monitor refuses
	 * @param principal who asks; recorded in the audit trail
	 * @return the audit record, or a problem
	 */
	@PostMapping("/api/reconciliation/redeliver")
	ResponseEntity<?> redeliver(@RequestBody RedeliveryRequest request,
			@RequestHeader(name = CONFIRMATION_HEADER, required = false) String confirmation, Principal principal) {
		Reconciliation service = this.reconciliation.getIfAvailable();
		if (service == null) {
			return notConfigured();
		}
		if (!"redeliver".equals(confirmation)) {
			return problem(HttpStatus.FORBIDDEN, "Missing " + CONFIRMATION_HEADER + " header",
					"Send " + CONFIRMATION_HEADER + ": redeliver to confirm the re-delivery.");
		}
		try {
			return ResponseEntity.ok(service.redeliver(request, (principal != null) ? principal.getName() : "unknown"));
		}
		catch (RedeliveryRefusedException ex) {
			return problem(ex.status(), ex.title(), ex.getMessage());
		}
	}

	@GetMapping("/api/reconciliation/redeliveries")
	ResponseEntity<?> redeliveries() {
		Reconciliation service = this.reconciliation.getIfAvailable();
		if (service == null) {
			return notConfigured();
		}
		List<RedeliveredEvent> latest = service.redeliveries();
		return ResponseEntity.ok(latest);
	}

	private static ResponseEntity<ProblemDetail> notConfigured() {
		return problem(HttpStatus.NOT_FOUND, "Reconciliation is not configured",
				"Set pipeline.monitor.reconciliation.orders and .consumers to reconcile the stores");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).body(problem);
	}

}

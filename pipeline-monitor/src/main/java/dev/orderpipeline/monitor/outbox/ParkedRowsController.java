package dev.orderpipeline.monitor.outbox;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status page's view of parked outbox rows: lists them and re-queues them through
 * order-service's ops API (which validates, audits and counts). A re-queue needs the
 * header {@code X-Pipeline-Monitor: requeue}, which a page on another origin cannot send
 * without a CORS preflight the monitor never grants.
 */
@RestController
class ParkedRowsController {

	static final String CONFIRMATION_HEADER = "X-Pipeline-Monitor";

	private final OrderServiceCall orderService;

	ParkedRowsController(OrderServiceCall orderService) {
		this.orderService = orderService;
	}

	@GetMapping("/api/outbox/parked")
	ResponseEntity<?> parked(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "50") int limit,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.orderService.get("/ops/outbox/parked?after=" + after + "&limit=" + limit, authorization);
	}

	@GetMapping("/api/outbox/requeues")
	ResponseEntity<?> requeues(@RequestParam(defaultValue = "20") int limit,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return this.orderService.get("/ops/outbox/requeues?limit=" + limit, authorization);
	}

	@PostMapping("/api/outbox/parked/{id}/requeue")
	ResponseEntity<?> requeue(@PathVariable long id, @RequestBody(required = false) String body,
			@RequestHeader(name = CONFIRMATION_HEADER, required = false) String confirmation,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		if (!"requeue".equals(confirmation)) {
			return missingConfirmation();
		}
		return this.orderService.post("/ops/outbox/parked/" + id + "/requeue", body, authorization);
	}

	@PostMapping("/api/outbox/parked/requeue-all")
	ResponseEntity<?> requeueAll(@RequestParam(defaultValue = "100") int limit,
			@RequestBody(required = false) String body,
			@RequestHeader(name = CONFIRMATION_HEADER, required = false) String confirmation,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		if (!"requeue".equals(confirmation)) {
			return missingConfirmation();
		}
		return this.orderService.post("/ops/outbox/parked/requeue-all?limit=" + limit, body, authorization);
	}

	private static ResponseEntity<?> missingConfirmation() {
		return OrderServiceCall.problem(HttpStatus.FORBIDDEN, "Missing " + CONFIRMATION_HEADER + " header",
				"Send " + CONFIRMATION_HEADER + ": requeue to confirm the re-queue.");
	}

}

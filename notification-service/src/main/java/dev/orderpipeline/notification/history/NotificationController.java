package dev.orderpipeline.notification.history;

import java.util.UUID;

import dev.orderpipeline.notification.delivery.EmailDelivery;
import dev.orderpipeline.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notification history: customers' addresses and the emails' bodies, so only for the
 * ops users of the notification's tenant ({@code pipeline.security.access}); another
 * tenant's notification is 404.
 */
@RestController
@RequestMapping("/notifications")
@Tag(name = "Notifications", description = "The emails this service sent, is sending, or gave up on")
class NotificationController {

	static final int MAX_PAGE_SIZE = 100;

	private final NotificationHistory history;

	private final EmailDelivery delivery;

	NotificationController(NotificationHistory history, EmailDelivery delivery) {
		this.history = history;
		this.delivery = delivery;
	}

	@GetMapping
	@Operation(summary = "List notifications, newest first",
			description = "Filters combine with AND. Pages hold at most " + MAX_PAGE_SIZE + " notifications.")
	NotificationPage list(@Parameter(description = "Only this order's") @RequestParam(required = false) UUID orderId,
			@Parameter(description = "Only to this address (exact)") @RequestParam(required = false) @Size(
					max = 320) String recipient,
			@Parameter(description = "Only in this state") @RequestParam(required = false) NotificationStatus status,
			@Parameter(description = "Page number, from 0") @RequestParam(
					defaultValue = "0") @Min(0) @Max(10_000) int page,
			@Parameter(description = "Page size, 1 to " + MAX_PAGE_SIZE) @RequestParam(
					defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size,
			@Parameter(hidden = true) Caller caller) {
		return this.history.find(caller.tenantId(), orderId, recipient, status, page, size);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One notification, with its text and HTML bodies")
	@ApiResponse(responseCode = "200", description = "The notification")
	@ApiResponse(responseCode = "404", description = "No such notification",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	NotificationView show(@PathVariable long id, @Parameter(hidden = true) Caller caller) {
		return this.history.find(caller.tenantId(), id).orElseThrow(() -> new NotificationProblems.NotFound(id));
	}

	@PostMapping("/{id}/resend")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Send a FAILED notification again",
			description = "Puts it back in the queue with fresh attempts. The email keeps its Message-ID.")
	@ApiResponse(responseCode = "202", description = "Queued again")
	@ApiResponse(responseCode = "404", description = "No such notification",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "Not FAILED (or nothing to send it to)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	NotificationView resend(@PathVariable long id, @Parameter(hidden = true) Caller caller) {
		if (this.history.resend(caller.tenantId(), id)) {
			this.delivery.sendSoonAfterCommit();
			return this.history.find(caller.tenantId(), id).orElseThrow();
		}
		NotificationView found = this.history.find(caller.tenantId(), id)
			.orElseThrow(() -> new NotificationProblems.NotFound(id));
		throw new NotificationProblems.Conflict(
				"Notification " + id + " is " + found.status() + "; only a FAILED one with a recipient can be resent");
	}

}

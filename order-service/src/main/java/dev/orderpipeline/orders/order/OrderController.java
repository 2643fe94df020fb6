package dev.orderpipeline.orders.order;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.orderpipeline.orders.idempotency.IdempotencyGuard;
import dev.orderpipeline.orders.idempotency.IdempotencyKey;
import dev.orderpipeline.orders.idempotency.RequestFingerprint;
import dev.orderpipeline.orders.idempotency.StoredResponse;
import dev.orderpipeline.orders.order.domain.Order;
import dev.orderpipeline.orders.order.domain.OrderOwner;
import dev.orderpipeline.orders.order.domain.OrderRequestRules;
import dev.orderpipeline.orders.order.domain.OrderStatus;
import dev.orderpipeline.orders.order.domain.PlaceOrder;
import dev.orderpipeline.orders.web.CallerWithoutTenantException;
import dev.orderpipeline.support.problem.FieldError;
import dev.orderpipeline.support.problem.InvalidRequestException;
import dev.orderpipeline.orders.web.Page;
import dev.orderpipeline.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders", description = "Place, read and cancel orders")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	// Visible ASCII only: keys end up in logs and in a varchar(255) column.
	private static final Pattern VALID_KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

	private static final String PLACE_EXAMPLE = """
			{"customerEmail": "ana@example.com", "currency": "EUR", "items": [{"sku": "SKU-1", "quantity": 2}]}""";

	private static final String SERVER_OWNED_EXAMPLE = """
			{"type": "https://errors.orderpipeline.dev/validation", "title": "Invalid request", "status": 400,
			 "detail": "The request has 2 invalid field(s).", "instance": "/orders",
			 "errors": [{"field": "customerId", "message": "must not be set: it is taken from the access token"},
			            {"field": "items[0].unitPrice", "message": "must not be set: the server determines it"}]}""";

	private static final String RATE_LIMITED_EXAMPLE = """
			{"type": "https://errors.orderpipeline.dev/rate-limited", "title": "Too many requests", "status": 429,
			 "detail": "Too many orders placed in a short time; retry after 1 second(s).", "instance": "/orders"}""";

	private static final String INVALID_EXAMPLE = """
			{"type": "https://errors.orderpipeline.dev/validation", "title": "Invalid request", "status": 400,
			 "detail": "The request has 1 invalid field(s).", "instance": "/orders",
			 "errors": [{"field": "items[0].quantity", "message": "must be between 1 and 1000"}]}""";

	private static final String SHORTAGE_EXAMPLE = """
			{"type": "https://errors.orderpipeline.dev/insufficient-stock", "title": "Insufficient stock",
			 "status": 409, "detail": "Not enough stock for 1 line(s); nothing was reserved.", "instance": "/orders",
			 "shortages": [{"sku": "SKU-1", "requested": 2, "available": 1}]}""";

	private final OrderRequestRules rules;

	private final OrderPlacement placement;

	private final OrderCancellation cancellation;

	private final OrderQueries queries;

	private final IdempotencyGuard idempotency;

	private final JsonMapper json;

	OrderController(OrderRequestRules rules, OrderPlacement placement, OrderCancellation cancellation,
			OrderQueries queries, IdempotencyGuard idempotency, JsonMapper json) {
		this.rules = rules;
		this.placement = placement;
		this.cancellation = cancellation;
		this.queries = queries;
		this.idempotency = idempotency;
		this.json = json;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Place an order",
			description = """
					Places an order for the caller: the customer is the access token's subject and the tenant its \
					tenant claim; customerEmail defaults to the token's email. A body that sets anything the server \
					owns (customerId, tenantId, status, prices, totals, tax, reservations) or any unknown member is \
					rejected with 400 listing every such member, and nothing is written. Requires role CUSTOMER. \
					Limited per client (token subject): beyond the burst, 429 with Retry-After.

					Validates the request, prices it (unit price x quantity per line; tax on the subtotal at the \
					configured rate in basis points, rounded half-up to the minor unit), reserves stock for every \
					line (all or nothing) and stores the order, all in one transaction.

					With an Idempotency-Key header (scoped per caller, i.e. tenant and customer; kept at least 24 hours): the same key and \
					body replays the first 201 response byte for byte; the same key with another body is 422; a \
					request while another with the same key is in flight is 409. A request that fails is not \
					stored, so its key can be retried.""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(schema = @Schema(implementation = PlaceOrderRequest.class),
							examples = @ExampleObject(name = "two espressos", value = PLACE_EXAMPLE))),
			responses = {
					@ApiResponse(responseCode = "201", description = "Placed; Location names the order",
							content = @Content(schema = @Schema(implementation = OrderResponse.class))),
					@ApiResponse(responseCode = "400",
							description = "Malformed or invalid request, or members the server owns; errors lists each field",
							content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
									examples = { @ExampleObject(name = "invalid quantity", value = INVALID_EXAMPLE),
											@ExampleObject(name = "server-owned members",
													value = SERVER_OWNED_EXAMPLE) })),
					@ApiResponse(responseCode = "401", description = "No valid access token"),
					@ApiResponse(responseCode = "403", description = "The token lacks role CUSTOMER"),
					@ApiResponse(responseCode = "409",
							description = "Insufficient stock (shortages lists each SKU) or idempotency key in progress",
							content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
									examples = @ExampleObject(name = "insufficient stock", value = SHORTAGE_EXAMPLE))),
					@ApiResponse(responseCode = "413", description = "Body larger than 64 KiB"),
					@ApiResponse(responseCode = "422", description = "Idempotency key reused with another body"),
					@ApiResponse(responseCode = "429",
							description = "Rate limit of this client exceeded; see Retry-After (seconds)",
							content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
									examples = @ExampleObject(name = "rate limited", value = RATE_LIMITED_EXAMPLE))),
					@ApiResponse(responseCode = "503", description = "Database unavailable; see Retry-After") })
	ResponseEntity<byte[]> place(@Parameter(hidden = true) Caller caller, @RequestBody PlaceOrderRequest body,
			@Parameter(description = "Client-chosen key making retries safe; 1-255 visible ASCII characters",
					example = "3f1c6a52-6f1e-4d5b-a9a7-9b8d0c2e4f11") @RequestHeader(name = IDEMPOTENCY_KEY,
							required = false) String idempotencyKey) {
		List<FieldError> disallowed = body.disallowedMembers();
		if (!disallowed.isEmpty()) {
			throw new InvalidRequestException(disallowed);
		}
		PlaceOrder request = body.toCommand(owner(caller), caller.email());
		this.rules.requireValid(request);
		if (idempotencyKey == null) {
			return toResponse(render(this.placement.place(request)));
		}
		if (!VALID_KEY.matcher(idempotencyKey).matches()) {
			throw new InvalidRequestException(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
		}
		StoredResponse response = this.idempotency.execute(
				new IdempotencyKey(request.tenantId(), request.customerId(), idempotencyKey),
				RequestFingerprint.of(request.canonicalForm()), () -> render(this.placement.place(request)));
		return toResponse(response);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read one of the caller's orders",
			description = "Another customer's or another tenant's order is 404, exactly like a missing one.")
	@ApiResponse(responseCode = "404", description = "No such order of the caller")
	OrderResponse get(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
		return OrderResponse.of(this.queries.get(owner(caller), id));
	}

	@GetMapping
	@Operation(summary = "List the caller's orders, newest first",
			description = "Only the caller's own orders (customer from the token, within its tenant). Pages are "
					+ "bounded: size 1..100, page * size at most 10000. A customerId parameter is rejected.")
	Page<OrderResponse> list(@Parameter(hidden = true) Caller caller,
			@Parameter(hidden = true) @RequestParam(required = false) String customerId,
			@RequestParam(required = false) OrderStatus status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (customerId != null) {
			// Silently ignoring it would answer "your orders" to a client asking for
			// someone else's; say instead that the token decides.
			throw new InvalidRequestException("customerId", "must not be set: it is taken from the access token");
		}
		Page.check(page, size);
		return Page.of(this.queries.of(owner(caller), status, page * size, size + 1), page, size, OrderResponse::of);
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel one of the caller's orders",
			description = "Moves a PLACED order to CANCELLED and releases its stock; an optional body gives the "
					+ "reason, kept with the order and published with the cancellation. Cancelling a cancelled "
					+ "order returns it unchanged, with its first reason. Another customer's or tenant's order is 404.")
	@ApiResponse(responseCode = "400", description = "The reason is blank, too long or not printable")
	@ApiResponse(responseCode = "404", description = "No such order of the caller")
	OrderResponse cancel(@Parameter(hidden = true) Caller caller, @PathVariable UUID id,
			@RequestBody(required = false) CancelOrderRequest request) {
		return OrderResponse.of(this.cancellation.cancel(owner(caller), id, CancelOrderRequest.reasonOf(request)));
	}

	private static OrderOwner owner(Caller caller) {
		if (caller.tenantId() == null || caller.tenantId().isBlank() || caller.subject() == null) {
			throw new CallerWithoutTenantException();
		}
		return new OrderOwner(caller.tenantId(), caller.subject());
	}

	// Serialized once, inside the placement transaction, so that the stored copy and the
	// first answer are the same bytes.
	private StoredResponse render(Order order) {
		return new StoredResponse(HttpStatus.CREATED.value(), "/orders/" + order.id(),
				this.json.writeValueAsBytes(OrderResponse.of(order)));
	}

	private static ResponseEntity<byte[]> toResponse(StoredResponse response) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (response.location() != null) {
			builder.location(URI.create(response.location()));
		}
		return builder.body(response.body());
	}

}

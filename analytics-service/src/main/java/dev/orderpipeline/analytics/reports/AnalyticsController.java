package dev.orderpipeline.analytics.reports;

import java.time.LocalDate;
import java.util.List;

import dev.orderpipeline.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Order and revenue figures over an inclusive range of UTC days (at most
 * {@value ReportQuery#MAX_DAYS}). A day is the UTC date of the order's {@code placedAt};
 * a cancellation reverses its order on the order's placement day.
 * <p>
 * Figures are the caller's tenant's only (the tenant comes from the token, never from a
 * parameter). Who may read them is the rule under {@code pipeline.security.access} in
 * {@code application.yml}: tenant-wide revenue is for the tenant's admins and ops users,
 * not for its customers.
 */
@RestController
@RequestMapping("/analytics")
@Tag(name = "analytics", description = "Orders, revenue and cancellations per day, currency and SKU")
@ApiResponse(responseCode = "400", description = "A parameter is missing, malformed or not acceptable; see errors",
		content = @Content(mediaType = "application/problem+json",
				schema = @Schema(implementation = ProblemDetail.class)))
class AnalyticsController {

	static final int MAX_SKU_LIMIT = 1000;

	private final AnalyticsReports reports;

	AnalyticsController(AnalyticsReports reports) {
		this.reports = reports;
	}

	@GetMapping("/daily")
	@Operation(summary = "Orders placed and cancelled, gross, cancelled and net revenue per UTC day and currency",
			description = "Days and currencies without any figures are omitted.")
	List<Figures.Daily> daily(
			@Parameter(description = "first UTC day, inclusive",
					example = "2026-11-01") @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@Parameter(description = "last UTC day, inclusive",
					example = "2026-11-30") @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@Parameter(description = "ISO 4217 code; all currencies when absent",
					example = "EUR") @RequestParam(required = false) String currency,
			@Parameter(hidden = true) Caller caller) {
		return this.reports.daily(caller.tenantId(), ReportQuery.of(from, to, currency));
	}

	@GetMapping("/skus")
	@Operation(summary = "Units and revenue per SKU and currency, net of cancellations, highest net revenue first")
	List<Figures.Sku> skus(
			@Parameter(description = "first UTC day, inclusive",
					example = "2026-11-01") @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@Parameter(description = "last UTC day, inclusive",
					example = "2026-11-30") @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@Parameter(description = "ISO 4217 code; all currencies when absent",
					example = "EUR") @RequestParam(required = false) String currency,
			@Parameter(description = "how many SKUs, 1 to " + MAX_SKU_LIMIT) @RequestParam(
					defaultValue = "100") int limit,
			@Parameter(hidden = true) Caller caller) {
		return this.reports.topSkus(caller.tenantId(), ReportQuery.withLimit(from, to, currency, limit, MAX_SKU_LIMIT),
				limit);
	}

	@GetMapping("/summary")
	@Operation(summary = "Totals over the range: order counts and cancellation rate, money per currency")
	Figures.Summary summary(
			@Parameter(description = "first UTC day, inclusive",
					example = "2026-11-01") @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@Parameter(description = "last UTC day, inclusive",
					example = "2026-11-30") @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@Parameter(description = "ISO 4217 code; all currencies when absent",
					example = "EUR") @RequestParam(required = false) String currency,
			@Parameter(hidden = true) Caller caller) {
		return this.reports.summary(caller.tenantId(), ReportQuery.of(from, to, currency));
	}

}

package dev.orderpipeline.analytics.reports;

import dev.orderpipeline.testing.events.TestOrders;
import dev.orderpipeline.testing.TestTokens;
import dev.orderpipeline.testing.WithTestIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.hamcrest.Matchers.contains;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Bad query parameters are answered with a 400 problem document naming them, never with a
 * 500 or an empty result, and the reports are never asked. The web layer only
 * (controller, the shared HTTP edge, security with a real token): the figures themselves
 * are tested on the real database by {@link AnalyticsFiguresTests}.
 */
@WebMvcTest(AnalyticsController.class)
@WithTestIdentityProvider
class ReportValidationTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AnalyticsReports reports;

	@AfterEach
	void theReportsWereNeverAsked() {
		then(this.reports).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/analytics/daily?from=2026-11-30&to=2026-11-01                | to
			/analytics/summary?from=2026-01-01&to=2027-01-02              | to
			/analytics/daily?from=2026-11-01&to=2026-11-30&currency=eur   | currency
			/analytics/skus?from=2026-11-01&to=2026-11-30&limit=0         | limit
			/analytics/skus?from=2026-11-01&to=2026-11-30&limit=1001      | limit
			""")
	void unacceptableParametersAreProblemsNamingTheField(String path, String field) throws Exception {
		query(path).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.title").value("Invalid report query"))
			.andExpect(jsonPath("$.errors[*].field", contains(field)));
	}

	@Test
	void everyUnacceptableParameterIsListed() throws Exception {
		query("/analytics/skus?from=2026-11-30&to=2026-11-01&currency=E&limit=5000")
			.andExpect(jsonPath("$.errors[*].field", contains("to", "currency", "limit")));
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			/analytics/daily?to=2026-11-30
			/analytics/daily?from=2026-13-01&to=2026-11-30
			/analytics/skus?from=2026-11-01&to=2026-11-30&limit=ten
			""")
	void missingOrMalformedParametersAreProblems(String path) throws Exception {
		query(path).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400));
	}

	private ResultActions query(String path) throws Exception {
		return this.mvc.perform(MockMvcRequestBuilders.get(path)
			.with(TestTokens.bearerToken(TestTokens.token(TestTokens.OPS_SUBJECT, TestOrders.TENANT, null, "ops"))));
	}

}

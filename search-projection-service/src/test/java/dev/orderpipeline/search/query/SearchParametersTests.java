package dev.orderpipeline.search.query;

import java.time.Instant;

import dev.orderpipeline.support.problem.FieldError;
import dev.orderpipeline.support.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SearchParametersTests {

	@Test
	void absentParametersMeanNoFilterAndTheFirstPageOfTwenty() {
		SearchCriteria criteria = SearchParameters.parse(null, null, null, null, null, null, null, null);

		assertThat(criteria).isEqualTo(new SearchCriteria(null, null, null, null, null, null, 0, 20));
	}

	@Test
	void blankTextIsNoFilterAndTextIsTrimmed() {
		SearchCriteria criteria = SearchParameters.parse("  ", null, " c-1 ", "", null, null, null, null);

		assertThat(criteria.text()).isNull();
		assertThat(criteria.customerId()).isEqualTo("c-1");
		assertThat(criteria.sku()).isNull();
	}

	@Test
	void readsStatusInAnyCaseAndTimestampsWithAnyOffset() {
		SearchCriteria criteria = SearchParameters.parse(null, "cancelled", null, null, "2026-01-05T12:00:00+02:00",
				"2026-01-06T00:00:00Z", "3", "50");

		assertThat(criteria.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(criteria.from()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
		assertThat(criteria.to()).isEqualTo(Instant.parse("2026-01-06T00:00:00Z"));
		assertThat(criteria.offset()).isEqualTo(150);
	}

	@Test
	void reportsEveryInvalidParameterAtOnce() {
		InvalidRequestException ex = catchThrowableOfType(InvalidRequestException.class,
				() -> SearchParameters.parse("x".repeat(201), "SHIPPED", null, null, "2026-01-05", "soon", "-1", "0"));

		assertThat(ex.errors()).extracting(FieldError::field)
			.containsExactly("q", "status", "from", "to", "page", "size");
	}

	@Test
	void boundsThePageSizeAndHowDeepPagesGo() {
		assertThat(SearchParameters.parse(null, null, null, null, null, null, "99", "100").offset()).isEqualTo(9900);
		assertThat(catchThrowableOfType(InvalidRequestException.class,
				() -> SearchParameters.parse(null, null, null, null, null, null, null, "101"))
			.errors()).extracting(FieldError::field).containsExactly("size");
		assertThat(catchThrowableOfType(InvalidRequestException.class,
				() -> SearchParameters.parse(null, null, null, null, null, null, "100", "100"))
			.errors()).extracting(FieldError::field).containsExactly("page");
	}

	@Test
	void rejectsARangeThatEndsBeforeItStarts() {
		InvalidRequestException ex = catchThrowableOfType(InvalidRequestException.class, () -> SearchParameters
			.parse(null, null, null, null, "2026-01-05T00:00:00Z", "2026-01-05T00:00:00Z", null, null));

		assertThat(ex.errors()).containsExactly(new FieldError("to", "must be after from"));
	}

}

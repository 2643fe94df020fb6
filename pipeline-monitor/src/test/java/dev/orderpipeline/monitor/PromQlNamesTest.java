package dev.orderpipeline.monitor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlNamesTest {

	@Test
	void findsMetricsButNotFunctionsLabelsKeywordsOrDurations() {
		String expression = """
				histogram_quantile(0.99, sum by (group, le) (rate(consumer_event_age_seconds_bucket{outcome="a b"}[$__rate_interval])))
				> on (group) group_left() (objective:seconds or vector(0)) and x offset 15m
				""";

		assertThat(PromQlNames.metricNames(expression)).containsExactly("consumer_event_age_seconds_bucket",
				"objective:seconds", "x");
	}

	@Test
	void labelValuesThatLookLikeNamesAreNotMetrics() {
		assertThat(PromQlNames.metricNames("label_replace(vector(30), \"group\", \"search_service\", \"\", \"\")"))
			.isEmpty();
	}

}

package dev.orderpipeline.support.admission;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pipeline.http.admission.*}: how much HTTP work one instance takes at once.
 *
 * @param enabled whether requests pass through the admission limiter at all
 * @param algorithm {@code fixed} keeps {@code limit}; {@code gradient2} adapts it between
 * {@code minLimit} and {@code maxLimit} from the measured latency (Netflix's
 * Gradient2Limit)
 * @param limit requests in flight at once (the initial limit when adaptive)
 * @param minLimit the adaptive limit's floor
 * @param maxLimit the adaptive limit's ceiling
 * @param queueSize requests that may wait for a slot beyond the limit; more are refused
 * at once
 * @param maxWait the longest a request waits for a slot before it is refused
 * @param retryAfter what the refusal's {@code Retry-After} tells the client
 * @param bypassPaths paths never limited: probes and scrapes must answer under overload
 */
@ConfigurationProperties("pipeline.http.admission")
record AdmissionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("fixed") Algorithm algorithm,
		@DefaultValue("32") int limit, @DefaultValue("4") int minLimit, @DefaultValue("128") int maxLimit,
		@DefaultValue("32") int queueSize, @DefaultValue("50ms") Duration maxWait,
		@DefaultValue("1s") Duration retryAfter, @DefaultValue( {
				"/actuator/health", "/actuator/health/**", "/actuator/info",
				"/actuator/prometheus" }) List<String> bypassPaths){

	AdmissionProperties {
		if (limit < 1 || queueSize < 0 || maxWait.isNegative() || minLimit < 1 || maxLimit < limit) {
			throw new IllegalArgumentException("pipeline.http.admission: need limit >= 1, queue-size >= 0, "
					+ "max-wait >= 0 and min-limit >= 1, max-limit >= limit");
		}
	}

	enum Algorithm {

		FIXED, GRADIENT2

	}

}

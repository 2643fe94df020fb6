package dev.orderpipeline.support.problem;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code pipeline.http.*}: the limits and texts of the shared HTTP edge.
 *
 * @param maxBodySize the largest request body accepted; larger ones are 413
 * @param retryAfter what a 503 for an unreachable database tells the client to wait
 * @param databaseUnavailableDetail the detail of that 503
 */
@ConfigurationProperties("pipeline.http")
record HttpEdgeProperties(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("2s") Duration retryAfter,
		@DefaultValue("The database is temporarily unavailable; retry later.") String databaseUnavailableDetail) {

}

package dev.orderpipeline.consumer.schema;

import java.util.Arrays;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;

/**
 * Adds the runtime's own tables (inbox, sequences, held events, dead letters) to the
 * service's Flyway migrations, so a consumer service lists only its own location. Their
 * versions are below 1 ({@code V0_n}), so they run before the service's {@code V1}.
 */
final class RuntimeMigrations implements FlywayConfigurationCustomizer {

	static final String LOCATION = "classpath:db/migration/consumer-runtime";

	@Override
	public void customize(FluentConfiguration configuration) {
		Location runtime = new Location(LOCATION);
		Location[] locations = configuration.getLocations();
		// classpath:db/migration already covers it; Flyway would warn about a duplicate.
		if (Arrays.stream(locations).anyMatch((location) -> location.equals(runtime) || location.isParentOf(runtime))) {
			return;
		}
		Location[] withRuntime = Arrays.copyOf(locations, locations.length + 1);
		withRuntime[locations.length] = runtime;
		configuration.locations(withRuntime);
	}

}

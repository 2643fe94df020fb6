package dev.orderpipeline.consumer.schema;

import java.util.Arrays;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeMigrationsTests {

	@Test
	void aServiceListingOnlyItsOwnLocationGetsTheRuntimesTablesToo() {
		FluentConfiguration configuration = new FluentConfiguration().locations("classpath:db/migration/points");

		new RuntimeMigrations().customize(configuration);

		assertThat(descriptors(configuration)).containsExactlyInAnyOrder("classpath:db/migration/points",
				"classpath:db/migration/consumer-runtime");
	}

	@Test
	void aLocationThatAlreadyCoversTheRuntimesIsLeftAlone() {
		FluentConfiguration configuration = new FluentConfiguration().locations("classpath:db/migration");

		new RuntimeMigrations().customize(configuration);

		assertThat(descriptors(configuration)).containsExactly("classpath:db/migration");
	}

	private static String[] descriptors(FluentConfiguration configuration) {
		return Arrays.stream(configuration.getLocations()).map(Location::getDescriptor).toArray(String[]::new);
	}

}

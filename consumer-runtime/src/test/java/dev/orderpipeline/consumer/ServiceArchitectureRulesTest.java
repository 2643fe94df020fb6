package dev.orderpipeline.consumer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.orderpipeline.testing.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared architecture rules every service's ArchitectureTest uses can fail: each
 * catches a handler or a piece of wiring written against it (test fixtures in
 * {@code dev.orderpipeline.fixture}), and the shared modules do not count as another
 * service.
 */
class ServiceArchitectureRulesTest {

	private final JavaClasses fixture = new ClassFileImporter().importPackages("dev.orderpipeline.fixture");

	@Test
	void aHandlerThatUsesKafkaBreaksTheHandlerRule() {
		EvaluationResult result = ServiceArchitecture.handlersNeverTouchKafka().evaluate(this.fixture);

		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().getDetails())
			.anySatisfy((line) -> assertThat(line).contains("HandlerThatProduces").contains("KafkaProducer"));
	}

	@Test
	void aServiceThatProducesBreaksTheProducerRule() {
		EvaluationResult result = ServiceArchitecture.producesNothingToKafka("dev.orderpipeline.fixture")
			.evaluate(this.fixture);

		assertThat(result.hasViolation()).isTrue();
	}

	@Test
	void aServiceThatUsesAnotherServicesClassBreaksTheBoundaryRule() {
		EvaluationResult result = ServiceArchitecture.usesNoOtherService("dev.orderpipeline.fixture.architecture")
			.evaluate(this.fixture);

		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().getDetails())
			.anySatisfy((line) -> assertThat(line).contains("OtherServiceClass"));
	}

	@Test
	void aLibraryModuleNamedByTheServiceIsNoOtherService() {
		EvaluationResult result = ServiceArchitecture
			.usesNoOtherService("dev.orderpipeline.fixture.architecture", "dev.orderpipeline.fixture.otherservice")
			.evaluate(this.fixture);

		assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
	}

	@Test
	void publicWiringBreaksTheWiringRule() {
		EvaluationResult result = ServiceArchitecture.wiringIsPackagePrivate().evaluate(this.fixture);

		assertThat(result.getFailureReport().getDetails()).singleElement()
			.satisfies((line) -> assertThat(line).contains("ExposedConfiguration").contains("PUBLIC"));
	}

	@Test
	void publicSettingsBreakTheSettingsRule() {
		EvaluationResult result = ServiceArchitecture.settingsArePackagePrivate().evaluate(this.fixture);

		assertThat(result.getFailureReport().getDetails()).singleElement()
			.satisfies((line) -> assertThat(line).contains("ExposedSettings"));
	}

	@Test
	void anUnlistedAutoConfigurationBreaksTheRegistrationRule() {
		EvaluationResult result = ServiceArchitecture.autoConfigurationsAreRegistered().evaluate(this.fixture);

		assertThat(result.getFailureReport().getDetails()).singleElement()
			.satisfies((line) -> assertThat(line).contains("UnregisteredAutoConfiguration").contains("not listed"));
	}

	@Test
	void theSharedModulesAreNoOtherService() {
		// The runtime's own classes use common-events and service-support only.
		EvaluationResult result = ServiceArchitecture.usesNoOtherService("dev.orderpipeline.consumer")
			.evaluate(new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
				.importPackages("dev.orderpipeline.consumer"));

		assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
	}

}

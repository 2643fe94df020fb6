package dev.orderpipeline.consumer;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.orderpipeline.testing.architecture.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * consumer-runtime owns delivery (decoding, inbox, ordering, retries, dead letters) and
 * gives a handler only decoded facts: its handler API names no Kafka or Spring type. It
 * uses the contracts and service-support, never a service; its internals are
 * package-private and its features (dead letters, inbox purge, schema) stand alone.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.consumer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	/**
	 * What a consumer service's handler sees: EventHandler and what its signatures reach.
	 */
	static final DescribedPredicate<JavaClass> HANDLER_API = DescribedPredicate.describe(
			"are the handler API (EventHandler, ReceivedEvent, SequenceCheck, EventTrace, LogContext, "
					+ "PermanentEventFailure)",
			(javaClass) -> List
				.of(EventHandler.class, ReceivedEvent.class, SequenceCheck.class, EventTrace.class, LogContext.class,
						PermanentEventFailure.class)
				.stream()
				.anyMatch((api) -> javaClass.getName().equals(api.getName())
						|| javaClass.getName().startsWith(api.getName() + "$")));

	@ArchTest
	static final ArchRule handlerApiNamesNoKafkaOrSpring = classes().that(HANDLER_API)
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "dev.orderpipeline.consumer", "dev.orderpipeline.events..",
				"io.micrometer.tracing..", "org.slf4j..")
		.because("a handler is plain code over a fact and its transaction; Kafka and Spring Kafka are the runtime's");

	@ArchTest
	static final ArchRule usesNoService = ServiceArchitecture.usesNoOtherService("dev.orderpipeline.consumer");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.orderpipeline.consumer.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule featuresStandAlone = noClasses().that()
		.resideInAnyPackage("..consumer.deadletter..", "..consumer.purge..", "..consumer.schema..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.orderpipeline.consumer")
		.because("dead letters, inbox purge and the runtime's schema are wired by the runtime, never the other way");

	@ArchTest
	static final ArchRule onlyTheDeadLetterControllerServesHttp = noClasses().that()
		.areNotAnnotatedWith("org.springframework.web.bind.annotation.RestController")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
		.because("the runtime's only HTTP surface is the dead-letter endpoints; delivery never depends on the web");

	@ArchTest
	static final ArchRule wiringIsPackagePrivate = ServiceArchitecture.wiringIsPackagePrivate();

	@ArchTest
	static final ArchRule settingsArePackagePrivate = ServiceArchitecture.settingsArePackagePrivate();

	@ArchTest
	static final ArchRule autoConfigurationsAreRegistered = ServiceArchitecture.autoConfigurationsAreRegistered();

}

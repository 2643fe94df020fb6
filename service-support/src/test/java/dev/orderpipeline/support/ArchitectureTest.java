package dev.orderpipeline.support;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.orderpipeline.support.database.LostDatabase;
import dev.orderpipeline.testing.architecture.ServiceArchitecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * service-support is the edge every service and the consumer runtime share (problem
 * documents, security, admission, tracing, health): it knows none of them, and each of
 * its packages is a feature that switches on alone through its own auto-configuration.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.support", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule dependsOnNoOtherModule = noClasses().should()
		.dependOnClassesThat(
				resideInAPackage("dev.orderpipeline..").and(resideOutsideOfPackage("dev.orderpipeline.support..")))
		.because("services and consumer-runtime build on the edge; it knows no service, runtime or event contract");

	/** Stricter than free of cycles: no package uses another, but for those two edges. */
	@ArchTest
	static final ArchRule featuresStandAlone = slices().matching("dev.orderpipeline.support.(*)..")
		.should()
		.notDependOnEachOther()
		.ignoreDependency(resideInAPackage("..support.security.."), resideInAPackage("..support.problem.."))
		.ignoreDependency(resideInAPackage("..support.problem.."),
				JavaClass.Predicates.equivalentTo(LostDatabase.class))
		.because("each feature is its own auto-configuration and can be switched off alone; security answers "
				+ "with problem's problem types, and problem asks database's LostDatabase (a static rule, no bean, "
				+ "so it is there with the database feature off) whether a failure is a lost database; "
				+ "nothing else crosses");

	@ArchTest
	static final ArchRule kafkaOnlyInTheKafkaHealthCheck = noClasses().that()
		.resideOutsideOfPackage("..support.kafka..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
		.because("the HTTP edge works in a service without Kafka; only the broker health check talks to it");

	@ArchTest
	static final ArchRule httpOnlyInTheHttpEdge = noClasses().that()
		.resideInAnyPackage("..support.database..", "..support.kafka..", "..support.lifecycle..", "..support.metrics..",
				"..support.tracing..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
				"org.apache.catalina..")
		.because("only problem, security and admission stand in the request path");

	@ArchTest
	static final ArchRule wiringIsPackagePrivate = ServiceArchitecture.wiringIsPackagePrivate();

	@ArchTest
	static final ArchRule settingsArePackagePrivate = ServiceArchitecture.settingsArePackagePrivate();

	@ArchTest
	static final ArchRule autoConfigurationsAreRegistered = ServiceArchitecture.autoConfigurationsAreRegistered();

}

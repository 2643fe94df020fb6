package dev.orderpipeline.testing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * test-support sits below every module that tests against real infrastructure, so it may
 * use local-infra and, in its order kit only, the event contracts; its architecture rules
 * need nothing but ArchUnit, so a module can take them without the rest of test-support.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.testing", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule usesLocalInfraAndTheContractsOnly = noClasses().should()
		.dependOnClassesThat(resideInAPackage("dev.orderpipeline..").and(resideOutsideOfPackages(
				"dev.orderpipeline.testing..", "dev.orderpipeline.infra..", "dev.orderpipeline.events..")))
		.because("every module's tests use test-support: it may use local-infra and the event contracts its "
				+ "order kit builds, never a service or a runtime");

	@ArchTest
	static final ArchRule onlyTheOrderKitBuildsEvents = noClasses().that()
		.resideOutsideOfPackage("dev.orderpipeline.testing.events..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.orderpipeline.events..")
		.because("the infrastructure half of test-support stays usable without the contracts");

	@ArchTest
	static final ArchRule architectureRulesNeedOnlyArchUnit = classes().that()
		.resideInAPackage("..testing.architecture..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("..testing.architecture..", "com.tngtech.archunit..", "java..")
		.because(
				"service-support takes the shared rules without test-support's Spring and Testcontainers dependencies");

}

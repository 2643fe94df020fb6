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
 * use local-infra only; its architecture rules need nothing but ArchUnit, so a module can
 * take them without the rest of test-support.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.testing", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule usesLocalInfraOnly = noClasses().should()
		.dependOnClassesThat(resideInAPackage("dev.orderpipeline..")
			.and(resideOutsideOfPackages("dev.orderpipeline.testing..", "dev.orderpipeline.infra..")))
		.because(
				"every module's tests use test-support: it may use local-infra, never a service, a runtime or the contracts");

	@ArchTest
	static final ArchRule architectureRulesNeedOnlyArchUnit = classes().that()
		.resideInAPackage("..testing.architecture..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("..testing.architecture..", "com.tngtech.archunit..", "java..")
		.because(
				"service-support takes the shared rules without test-support's Spring and Testcontainers dependencies");

}

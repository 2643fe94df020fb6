package dev.orderpipeline.localrun;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The local run starts the infrastructure through local-infra and every service as a
 * process of its own from its jar: it shares no code with the services, and it is an
 * application, not a library.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.localrun", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule usesLocalInfraOnly = noClasses().should()
		.dependOnClassesThat(resideInAPackage("dev.orderpipeline..")
			.and(resideOutsideOfPackages("dev.orderpipeline.localrun..", "dev.orderpipeline.infra..")))
		.because("services run as processes from their jars (kill -9 is a real crash), never as classes in this JVM");

	@ArchTest
	static final ArchRule noSpring = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..")
		.because("the local run is a plain main that supervises processes; Spring lives in the services");

	@ArchTest
	static final ArchRule serversOnlyThroughLocalInfra = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("kafka..", "org.apache.kafka..", "io.zonky..")
		.because("PostgreSQL and Kafka start exactly as in the tests, through local-infra");

	@ArchTest
	static final ArchRule onlyTheEntryPointIsPublic = classes().that()
		.arePublic()
		.and()
		.areTopLevelClasses()
		.should()
		.haveSimpleName("LocalRun")
		.because("the local run is an application: its one public type is its main class");

}

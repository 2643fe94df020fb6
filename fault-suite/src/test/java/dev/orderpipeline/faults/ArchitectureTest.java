package dev.orderpipeline.faults;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The suite sees the pipeline from outside, as a client, an operator and a stranger on
 * the broker would: HTTP, the local run's control endpoint, Kafka clients and JDBC, and
 * the checker's verdict. It shares no code with the services or the local run it hurts.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.faults", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule onlyTheCheckerOfOurCode = noClasses().should()
		.dependOnClassesThat(resideInAPackage("dev.orderpipeline..")
			.and(resideOutsideOfPackages("dev.orderpipeline.faults..", "dev.orderpipeline.checker..")))
		.because("a fault suite that shares the services' code would share their bugs");

	@ArchTest
	static final ArchRule kafkaOnlyForTheOutsideProducerAndRecovery = noClasses().that()
		.doNotHaveSimpleName("OutsideProducer")
		.and()
		.doNotHaveSimpleName("Recovery")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka..")
		.because("faults reach the processes through the control endpoint; Kafka is touched as an outside producer "
				+ "and to see that every partition has an owner again");

	@ArchTest
	static final ArchRule noSpring = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..")
		.because("the suite is a plain program beside the stack");

}

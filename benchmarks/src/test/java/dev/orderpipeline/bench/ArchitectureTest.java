package dev.orderpipeline.bench;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The benchmark measures the running stack from outside: load through the order API,
 * timings from the topics and the databases, baselines (pgbench, Kafka's
 * ProducerPerformance) as processes of their own. It uses no project code but
 * local-infra's list of services.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.bench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule usesOnlyTheServiceList = noClasses().should()
		.dependOnClassesThat(resideInAPackage("dev.orderpipeline..")
			.and(resideOutsideOfPackages("dev.orderpipeline.bench..", "dev.orderpipeline.infra.services..")))
		.because("the stack runs as processes; the benchmark only needs which services run on which ports "
				+ "(its pom excludes local-infra's servers)");

	@ArchTest
	static final ArchRule noSpring = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..")
		.because("a plain main: the load generator shares the cores with the stack, so its own overhead stays small");

	@ArchTest
	static final ArchRule producesNothingToKafka = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka.clients.producer..", "org.apache.kafka.tools..")
		.because("load enters through the order API only; ProducerPerformance's baseline runs in a JVM of its own");

	@ArchTest
	static final ArchRule onlyTheEntryPointIsPublic = classes().that()
		.arePublic()
		.and()
		.areTopLevelClasses()
		.should()
		.haveSimpleName("Benchmark")
		.because("the benchmark is an application: its one public type is its main class");

}

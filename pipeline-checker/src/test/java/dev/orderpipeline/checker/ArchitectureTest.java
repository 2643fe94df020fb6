package dev.orderpipeline.checker;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The checker is a plain Java library (JDBC and the Kafka clients) with a command-line
 * entry point in {@code cli}; pipeline-monitor and the fault-injection suite call it. It
 * reads what was actually written, to the databases and the topics, never through a
 * service's classes, and it only reads.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.checker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule noSpring = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta.servlet..")
		.because("a library for a command line, a monitor and a test suite alike brings no framework or web server");

	@ArchTest
	static final ArchRule readsStoresNotCode = noClasses().should()
		.dependOnClassesThat(
				resideInAPackage("dev.orderpipeline..").and(resideOutsideOfPackage("dev.orderpipeline.checker..")))
		.because("it checks the rows and records as stored, not as a service's (or common-events') classes read them");

	@ArchTest
	static final ArchRule theLibraryDoesNotKnowItsCommandLine = noClasses().that()
		.resideOutsideOfPackage("..checker.cli..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..checker.cli..")
		.because("the command line is one caller of the library, like pipeline-monitor");

	@ArchTest
	static final ArchRule onlyTheCommandLinePicksADriver = noClasses().that()
		.resideOutsideOfPackage("..checker.cli..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.postgresql..")
		.because("the library takes DataSources; its caller chooses the driver and how to connect");

	@ArchTest
	static final ArchRule onlyReads = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka.clients.producer..")
		.because("checking changes nothing: it never writes to a topic");

}

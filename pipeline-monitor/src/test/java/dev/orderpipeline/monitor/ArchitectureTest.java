package dev.orderpipeline.monitor;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.orderpipeline.testing.architecture.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * pipeline-monitor watches the pipeline from outside: Kafka's admin API for lag and dead
 * letters, the services' HTTP endpoints for the outbox, pipeline-checker for
 * reconciliation. It uses no service's classes; only the reconciliation reads databases
 * or writes to Kafka (an operator's redelivery), and a group's status is plain Java.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.monitor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule usesNoService = ServiceArchitecture.usesNoOtherService("dev.orderpipeline.monitor",
			"dev.orderpipeline.checker");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.orderpipeline.monitor.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule onlyControllersServeHttp = noClasses().that()
		.areNotAnnotatedWith("org.springframework.web.bind.annotation.RestController")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web.bind.annotation..", "jakarta.servlet..")
		.because("endpoints are the @RestControllers; observing the pipeline works without a request");

	@ArchTest
	static final ArchRule onlyTheReconciliationProducesToKafka = noClasses().that()
		.resideOutsideOfPackage("..monitor.reconciliation..")
		.should()
		.dependOnClassesThat()
		.haveNameMatching("org\\.apache\\.kafka\\.clients\\.producer\\..*"
				+ "|org\\.springframework\\.kafka\\.core\\.(KafkaTemplate|ProducerFactory|DefaultKafkaProducerFactory)")
		.because("the monitor only observes; an operator's redelivery (reconciliation) is its one write to Kafka");

	@ArchTest
	static final ArchRule onlyTheReconciliationReadsDatabases = noClasses().that()
		.resideOutsideOfPackage("..monitor.reconciliation..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("javax.sql..", "org.postgresql..", "org.springframework.jdbc..")
		.because("lag comes from Kafka and the outbox backlog from order-service over HTTP; only reconciliation "
				+ "reads the services' databases, through pipeline-checker");

	@ArchTest
	static final ArchRule statusIsPlainJava = noClasses().that()
		.resideInAPackage("..monitor.status..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "io.micrometer..")
		.because("a group's status is a pure function of its observations, testable without a broker");

	@ArchTest
	static final ArchRule kafkaObservationIsFreeOfSpring = noClasses().that()
		.resideInAPackage("..monitor.kafka..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..")
		.because("lag and dead letters are read with Kafka's own clients; the wiring (pipeline) hands them in");

	@ArchTest
	static final ArchRule wiringIsPackagePrivate = ServiceArchitecture.wiringIsPackagePrivate();

}

package dev.orderpipeline.orders;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.orderpipeline.testing.architecture.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.orderpipeline.orders", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule domainIsPlainJava = noClasses().that()
		.resideInAnyPackage("..orders.order.domain..", "..orders.catalog.domain..", "..orders.money..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..", "org.apache.kafka..",
				"tools.jackson..", "com.fasterxml..")
		.because("the order domain is plain Java: rules must be testable and portable without a framework");

	@ArchTest
	static final ArchRule domainDependsOnNothingElseInTheService = classes().that()
		.resideInAnyPackage("..orders.order.domain..", "..orders.catalog.domain..", "..orders.money..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("..orders.order.domain..", "..orders.catalog.domain..", "..orders.money..", "java..")
		.because("the domain is the centre: other packages use it, never the other way round");

	@ArchTest
	static final ArchRule onlyTheWebLayerKnowsHttp = noClasses().that()
		.resideInAnyPackage("..orders.order..", "..orders.catalog..", "..orders.idempotency..")
		.and()
		.haveSimpleNameNotEndingWith("Controller")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..");

	@ArchTest
	static final ArchRule usesNoOtherService = ServiceArchitecture.usesNoOtherService("dev.orderpipeline.orders");

	@ArchTest
	static final ArchRule onlyTheOutboxRelayProduces = noClasses().that()
		.resideOutsideOfPackage("..orders.outbox..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka.clients.producer..", "org.springframework.kafka.core..")
		.because("nothing in a request handler talks to Kafka: events leave through the outbox and its relay");

}

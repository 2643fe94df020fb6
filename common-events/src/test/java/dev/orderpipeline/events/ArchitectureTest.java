package dev.orderpipeline.events;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.orderpipeline.events.facts.OrderFact;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * common-events is the contract every module shares, so it stays light: versioned wire
 * records and facts in plain Java, the Kafka binding (CloudEvents headers) in
 * {@code events.kafka} only, no Spring, no JPA, and no other module of this project.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.events", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule noSpringNoPersistence = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..")
		.because("common-events holds contracts, schemas and serialization only (design.md: no Spring, no JPA)");

	@ArchTest
	static final ArchRule dependsOnNoOtherModule = noClasses().should()
		.dependOnClassesThat(
				resideInAPackage("dev.orderpipeline..").and(resideOutsideOfPackage("dev.orderpipeline.events..")))
		.because("every module depends on the contracts, so the contracts depend on none of them");

	@ArchTest
	static final ArchRule kafkaOnlyInTheKafkaBinding = noClasses().that()
		.resideOutsideOfPackage("..events.kafka..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka..", "io.cloudevents..")
		.because("the contracts and facts are usable without a Kafka client; the CloudEvents binding is events.kafka");

	@ArchTest
	static final ArchRule contractsAndFactsArePlainJava = classes().that()
		.resideInAnyPackage("..events.order..", "..events.facts..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "dev.orderpipeline.events", "..events.order..", "..events.facts..")
		.because("the versioned records and the facts carry no Jackson, Kafka or framework types: the JSON shape is "
				+ "the record's components and the published schema");

	@ArchTest
	static final ArchRule eventsAndFactsAreRecordsNamedForWhatHappened = classes()
		.that(DescribedPredicate.describe("are integration events or facts",
				(JavaClass javaClass) -> !INTERFACES.test(javaClass)
						&& (assignableTo(IntegrationEvent.class).test(javaClass)
								|| assignableTo(OrderFact.class).test(javaClass))))
		.should()
		.beRecords()
		.andShould()
		.haveSimpleNameNotEndingWith("Event")
		.because("events are immutable records named in the past tense (OrderPlaced, OrderCancelledV2)");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.orderpipeline.events.(*)..")
		.should()
		.beFreeOfCycles();

}

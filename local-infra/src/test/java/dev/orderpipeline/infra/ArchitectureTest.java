package dev.orderpipeline.infra;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * local-infra is the bottom of the stack: the real PostgreSQL server, the Kafka broker
 * (always in a JVM of its own), the local identity provider and the list of services, in
 * plain Java, for test-support, local-run and the benchmarks alike.
 */
@AnalyzeClasses(packages = "dev.orderpipeline.infra", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule dependsOnNoOtherModule = noClasses().should()
		.dependOnClassesThat(
				resideInAPackage("dev.orderpipeline..").and(resideOutsideOfPackage("dev.orderpipeline.infra..")))
		.because("test-support, local-run and the benchmarks build on local-infra; it builds on none of them");

	@ArchTest
	static final ArchRule noSpring = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..")
		.because("the servers start the same way from a JUnit test, a Spring test and the local run's main");

	@ArchTest
	static final ArchRule theBrokerRunsInAJvmOfItsOwn = noClasses().that()
		.doNotHaveFullyQualifiedName(KafkaBrokerMain.class.getName())
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("kafka..", "org.apache.kafka.server..", "org.apache.kafka.raft..",
				"org.apache.kafka.storage..", "org.apache.kafka.controller..", "org.apache.kafka.metadata..")
		.because("only KafkaBrokerMain, the broker JVM's entry point, may load the broker: a test or the local run "
				+ "talks to it as a client, and kill -9 of the broker is a real broker failure");

	@ArchTest
	static final ArchRule serviceListNeedsOnlySnakeYaml = classes().that()
		.resideInAPackage("..infra.services..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("..infra.services..", "java..", "javax.xml..", "org.w3c.dom..", "org.yaml.snakeyaml..")
		.because("the benchmarks use ServiceModules with every dependency of local-infra excluded but SnakeYAML");

	@ArchTest
	static final ArchRule serversKnowNoIdentityProviderOrServiceList = noClasses().that()
		.resideInAPackage("dev.orderpipeline.infra")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..infra.auth..", "..infra.services..")
		.because("PostgreSQL and Kafka start without the identity provider; auth and services are used apart");

	@ArchTest
	static final ArchRule tokensOnlyInTheIdentityProvider = noClasses().that()
		.resideOutsideOfPackage("..infra.auth..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("com.nimbusds..")
		.because("signing keys and tokens stay inside the identity provider (auth)");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.orderpipeline.infra.(*)..")
		.should()
		.beFreeOfCycles();

}

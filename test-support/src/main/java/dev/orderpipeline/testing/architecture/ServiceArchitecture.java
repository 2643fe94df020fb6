package dev.orderpipeline.testing.architecture;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture rules every service is held to, in the spirit of spring-modulith's
 * {@code ModularityTests}: each service module states them once in its own
 * {@code ArchitectureTest}, so a new service gets them by copying ten lines (the consumer
 * template does). Only the service's own classes are checked.
 */
public final class ServiceArchitecture {

	/** Modules every service may use: the event contracts, the runtimes, the edge. */
	private static final String[] SHARED = { "dev.orderpipeline.events..", "dev.orderpipeline.consumer..",
			"dev.orderpipeline.support.." };

	private ServiceArchitecture() {
	}

	/**
	 * A service never uses another service's classes: they share contracts
	 * (common-events) and the runtimes, never code, so each can change and deploy alone.
	 * @param servicePackage the service's root package, e.g.
	 * {@code dev.orderpipeline.analytics}
	 */
	public static ArchRule usesNoOtherService(String servicePackage) {
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.should()
			.dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("are another service's",
					(javaClass) -> javaClass.getPackageName().startsWith("dev.orderpipeline.")
							&& !within(javaClass.getPackageName(), servicePackage)
							&& !isShared(javaClass.getPackageName())))
			.because("services share contracts (common-events) and runtimes, never each other's code");
	}

	/**
	 * A consumer's handlers see facts, never Kafka: decoding, offsets, retries and dead
	 * letters are the runtime's, so a handler is plain code over a fact and a database.
	 */
	public static ArchRule handlersNeverTouchKafka() {
		return noClasses().that()
			.implement("dev.orderpipeline.consumer.EventHandler")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
			.because("consumer-runtime owns delivery; a handler gets a decoded fact and its transaction");
	}

	/**
	 * Nothing in a service but the runtime produces to Kafka: a consumer's side effects
	 * go to its own database (and the mail server), never back onto a topic behind the
	 * runtime's back.
	 */
	public static ArchRule producesNothingToKafka(String servicePackage) {
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka.clients.producer..")
			.because("a consumer service publishes nothing itself; only order-service's outbox relay produces");
	}

	private static boolean isShared(String packageName) {
		for (String shared : SHARED) {
			if (within(packageName, shared.substring(0, shared.length() - 2))) {
				return true;
			}
		}
		return false;
	}

	private static boolean within(String packageName, String root) {
		return packageName.equals(root) || packageName.startsWith(root + ".");
	}

}

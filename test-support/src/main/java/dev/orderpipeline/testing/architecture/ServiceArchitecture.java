package dev.orderpipeline.testing.architecture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture rules every service is held to, in the spirit of spring-modulith's
 * {@code ModularityTests}: each service module states them once in its own
 * {@code ArchitectureTest}, so a new service gets them by copying ten lines (the consumer
 * template does). Only the service's own classes are checked. The last rules are the
 * Spring wiring rules the shared modules (consumer-runtime, service-support,
 * pipeline-monitor) are held to.
 * <p>
 * This class depends on ArchUnit and the JDK only (test-support's own
 * {@code ArchitectureTest} keeps it so), so a module may put test-support on its test
 * class path without any of its dependencies just for these rules.
 */
public final class ServiceArchitecture {

	/** Modules every service may use: the event contracts, the runtimes, the edge. */
	private static final String[] SHARED = { "dev.orderpipeline.events..", "dev.orderpipeline.consumer..",
			"dev.orderpipeline.support.." };

	private static final String AUTO_CONFIGURATION_IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private ServiceArchitecture() {
	}

	/**
	 * A service never uses another service's classes: they share contracts
	 * (common-events) and the runtimes, never code, so each can change and deploy alone.
	 * @param servicePackage the service's root package, e.g.
	 * {@code dev.orderpipeline.analytics}
	 */
	public static ArchRule usesNoOtherService(String servicePackage) {
		return usesNoOtherService(servicePackage, new String[0]);
	}

	/**
	 * {@link #usesNoOtherService(String)} for a module that also uses a library module
	 * besides the shared ones (pipeline-monitor runs pipeline-checker's invariants).
	 * @param servicePackage the module's root package
	 * @param libraryPackages root packages of the library modules it may use too, e.g.
	 * {@code dev.orderpipeline.checker}
	 */
	public static ArchRule usesNoOtherService(String servicePackage, String... libraryPackages) {
		return noClasses().that()
			.resideInAPackage(servicePackage + "..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe("are another service's",
					(javaClass) -> javaClass.getPackageName().startsWith("dev.orderpipeline.")
							&& !within(javaClass.getPackageName(), servicePackage)
							&& !isShared(javaClass.getPackageName())
							&& !withinAny(javaClass.getPackageName(), libraryPackages)))
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

	/**
	 * A module's Spring wiring ({@code @Configuration} classes) is package-private: other
	 * modules get it through the module's auto-configuration or component scan, never by
	 * importing or extending it, so it can change without breaking them.
	 * {@code @AutoConfiguration} classes are public by necessity and not checked.
	 */
	public static ArchRule wiringIsPackagePrivate() {
		return noClasses().that()
			.areAnnotatedWith("org.springframework.context.annotation.Configuration")
			.should()
			.bePublic()
			.because("wiring is internal: it is found by the auto-configuration or the component scan, never imported");
	}

	/**
	 * Typed settings ({@code @ConfigurationProperties} records) are package-private,
	 * inside the package that uses them (spring-modulith's examples): a module's settings
	 * are its own, read by its own code only.
	 */
	public static ArchRule settingsArePackagePrivate() {
		return noClasses().that()
			.areAnnotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")
			.should()
			.bePublic()
			.because("a package's typed settings are read by that package only");
	}

	/**
	 * Every {@code @AutoConfiguration} is listed in
	 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}:
	 * one that is not is never applied, and nothing else would say so.
	 */
	public static ArchRule autoConfigurationsAreRegistered() {
		return classes().that()
			.areAnnotatedWith("org.springframework.boot.autoconfigure.AutoConfiguration")
			.should(beListedIn(AUTO_CONFIGURATION_IMPORTS))
			.because("an auto-configuration Spring Boot is not told about is dead code");
	}

	private static ArchCondition<JavaClass> beListedIn(String resource) {
		return new ArchCondition<>("be listed in " + resource) {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				boolean listed = listedClasses(resource).contains(javaClass.getName());
				events.add(new SimpleConditionEvent(javaClass, listed,
						javaClass.getName() + (listed ? " is listed in " : " is not listed in any ") + resource));
			}

		};
	}

	private static Set<String> listedClasses(String resource) {
		Set<String> names = new HashSet<>();
		try {
			Enumeration<URL> files = ServiceArchitecture.class.getClassLoader().getResources(resource);
			while (files.hasMoreElements()) {
				try (BufferedReader reader = new BufferedReader(
						new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
					reader.lines()
						.map(String::strip)
						.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
						.forEach(names::add);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

	private static boolean withinAny(String packageName, String[] roots) {
		for (String root : roots) {
			if (within(packageName, root)) {
				return true;
			}
		}
		return false;
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

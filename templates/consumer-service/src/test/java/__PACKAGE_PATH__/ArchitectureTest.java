package __PACKAGE__;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.orderpipeline.testing.architecture.ServiceArchitecture;

/** The rules every service is held to (test-support's ServiceArchitecture). */
@AnalyzeClasses(packages = "dev.orderpipeline", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	static final String SERVICE = "__PACKAGE__";

	@ArchTest
	static final ArchRule usesNoOtherService = ServiceArchitecture.usesNoOtherService(SERVICE);

	@ArchTest
	static final ArchRule handlersNeverTouchKafka = ServiceArchitecture.handlersNeverTouchKafka();

	@ArchTest
	static final ArchRule producesNothingToKafka = ServiceArchitecture.producesNothingToKafka(SERVICE);

}

package dev.orderpipeline.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler the README shows is the one these tests run. */
class ReadmeExampleTests {

	@Test
	void theReadmeShowsTheExampleHandlerVerbatim() throws Exception {
		String source = Files
			.readString(Path.of("src/test/java/dev/orderpipeline/consumer/example/ExampleOrderCounter.java"));
		String handlerClass = source.substring(source.indexOf("@Component")).strip();
		String readme = Files.readString(Path.of("README.md"))
			.lines()
			.map((line) -> line.startsWith("   ") ? line.substring(3) : line)
			.collect(Collectors.joining("\n"));

		assertThat(readme).contains(handlerClass);
	}

}

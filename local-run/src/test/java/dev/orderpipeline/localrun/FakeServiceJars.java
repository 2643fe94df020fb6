package dev.orderpipeline.localrun;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes {@code <root>/<service>/target/<service>.jar}, where the launcher looks for a
 * service's executable jar: a manifest only, whose main class is {@link SleepingService}
 * from this module's test classes.
 */
final class FakeServiceJars {

	private FakeServiceJars() {
	}

	static void write(Path repositoryRoot, String service) throws IOException {
		Path target = Files.createDirectories(repositoryRoot.resolve(service).resolve("target"));
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SleepingService.class.getName());
		manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses().toUri().toString());
		try (OutputStream out = Files.newOutputStream(target.resolve(service + ".jar"));
				JarOutputStream jar = new JarOutputStream(out, manifest)) {
			// The manifest is the whole jar.
		}
	}

	private static Path testClasses() {
		try {
			return Path.of(SleepingService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package dev.orderpipeline.support.lifecycle;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * For the local run only: the launcher holds this process's standard input open, so when
 * the launcher dies, even by SIGKILL, the input closes and the service shuts down
 * gracefully instead of lingering with its port taken.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("pipeline.exit-with-parent")
public class ExitWithParentAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ExitWithParentAutoConfiguration.class);

	@Bean
	ApplicationRunner exitWhenStandardInputCloses(ConfigurableApplicationContext context) {
		return (ApplicationArguments args) -> {
			Thread watchdog = new Thread(() -> {
				awaitEndOfInput(System.in);
				log.warn("The local-run launcher is gone; shutting down");
				System.exit(SpringApplication.exit(context));
			}, "parent-watchdog");
			watchdog.setDaemon(true);
			watchdog.start();
		};
	}

	private static void awaitEndOfInput(InputStream in) {
		try {
			while (in.read() != -1) {
				// The launcher never writes; anything read is ignored.
			}
		}
		catch (IOException ex) {
			// A broken pipe means the same as end of input.
		}
	}

}

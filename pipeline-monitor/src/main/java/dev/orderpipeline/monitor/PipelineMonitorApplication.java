package dev.orderpipeline.monitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PipelineMonitorApplication {

	public static void main(String[] args) {
		SpringApplication.run(PipelineMonitorApplication.class, args);
	}

}

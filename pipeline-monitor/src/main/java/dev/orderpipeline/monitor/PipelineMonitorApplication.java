package dev.orderpipeline.monitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(MonitorProperties.class)
public class PipelineMonitorApplication {

	public static void main(String[] args) {
		SpringApplication.run(PipelineMonitorApplication.class, args);
	}

}

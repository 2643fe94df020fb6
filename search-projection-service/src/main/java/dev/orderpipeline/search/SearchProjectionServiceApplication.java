package dev.orderpipeline.search;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SearchProjectionServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SearchProjectionServiceApplication.class, args);
	}

}

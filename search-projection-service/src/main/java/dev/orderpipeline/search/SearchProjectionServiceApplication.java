package dev.orderpipeline.search;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SearchProjectionServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SearchProjectionServiceApplication.class, args);
	}

}

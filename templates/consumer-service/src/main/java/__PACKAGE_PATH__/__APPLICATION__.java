package __PACKAGE__;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class __APPLICATION__ {

	public static void main(String[] args) {
		SpringApplication.run(__APPLICATION__.class, args);
	}

}

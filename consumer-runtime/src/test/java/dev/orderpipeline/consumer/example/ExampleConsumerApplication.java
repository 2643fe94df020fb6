package dev.orderpipeline.consumer.example;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A consumer service reduced to the runtime and one handler, for the runtime's tests. */
@SpringBootApplication
public class ExampleConsumerApplication {

}

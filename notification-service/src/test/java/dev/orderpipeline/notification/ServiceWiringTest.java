package dev.orderpipeline.notification;

import dev.orderpipeline.testing.ServiceInfrastructureContract;
import dev.orderpipeline.testing.WithRealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@Import(TestSmtpServer.class)
class ServiceWiringTest extends ServiceInfrastructureContract {

}

package __PACKAGE__;

import dev.orderpipeline.testing.ServiceInfrastructureContract;
import dev.orderpipeline.testing.WithRealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class ServiceWiringTest extends ServiceInfrastructureContract {

}

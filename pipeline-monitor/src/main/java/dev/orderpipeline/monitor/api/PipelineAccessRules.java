package dev.orderpipeline.monitor.api;

import dev.orderpipeline.support.security.EndpointAuthorization;
import dev.orderpipeline.support.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may use the monitor. The status page's shell (HTML, script, style) is public: it
 * shows nothing until the user gives it a token. Its data, the API and the replay actions
 * are for ops. Scrapers (role monitoring) get {@code /actuator/prometheus} from the
 * common rules and nothing here.
 */
@Configuration(proxyBeanMethods = false)
class PipelineAccessRules {

	@Bean
	EndpointAuthorization pipelineMonitorAccess() {
		return (requests) -> requests
			.requestMatchers(HttpMethod.GET, "/", "/index.html", "/status.js", "/reconciliation.js", "/parked.js",
					"/status.css")
			.permitAll()
			.requestMatchers("/api/**")
			.hasRole(Roles.OPS);
	}

}

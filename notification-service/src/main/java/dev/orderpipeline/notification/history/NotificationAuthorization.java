package dev.orderpipeline.notification.history;

import dev.orderpipeline.support.security.EndpointAuthorization;
import dev.orderpipeline.support.security.Roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notification history holds customers' addresses and the emails' bodies, and resend
 * is an operation: ops users only, and {@link NotificationHistory} limits them to their
 * tenant's notifications.
 */
@Configuration(proxyBeanMethods = false)
class NotificationAuthorization {

	@Bean
	EndpointAuthorization notificationRules() {
		return (requests) -> requests.requestMatchers("/notifications/**").hasRole(Roles.OPS);
	}

}

package dev.orderpipeline.support.problem;

import org.apache.catalina.startup.Tomcat;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The HTTP edge every servlet service shares: every error is an RFC 9457 problem document
 * ({@link ProblemHandler} for what reaches a controller, {@link ProblemErrorController}
 * for what a filter or the container raises, {@link ProblemErrorReportValve} for what
 * Tomcat refuses itself), and request bodies are bounded ({@link RequestBodySizeLimit}).
 * Configured by {@code pipeline.http.*}; a service adds its own exception handlers for
 * its domain exceptions, built with {@link Problems}.
 */
@AutoConfiguration(before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@EnableConfigurationProperties(HttpEdgeProperties.class)
public class HttpEdgeAutoConfiguration {

	/** Replaces Boot's {@code ProblemDetailsExceptionHandler}, which backs off. */
	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ProblemHandler problemHandler(HttpEdgeProperties properties) {
		return new ProblemHandler(properties);
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Bean
	FilterRegistrationBean<RequestBodySizeLimit> requestBodySizeLimit(HttpEdgeProperties properties, JsonMapper json) {
		FilterRegistrationBean<RequestBodySizeLimit> registration = new FilterRegistrationBean<>(
				new RequestBodySizeLimit(properties, json));
		// First of all: an oversized body is refused before anything else looks at it.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setName("requestBodySizeLimit");
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tomcat.class)
	static class TomcatErrorPages {

		@Bean
		ProblemErrorReportValve.Installer problemErrorReportValveInstaller() {
			return new ProblemErrorReportValve.Installer();
		}

	}

}

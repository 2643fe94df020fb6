package dev.orderpipeline.orders.order;

import java.time.Clock;

import dev.orderpipeline.orders.order.domain.OrderLimits;
import dev.orderpipeline.orders.order.domain.OrderRequestRules;
import dev.orderpipeline.orders.order.domain.TaxRate;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Turns settings into the plain-Java rules of the order domain. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrdersProperties.class)
class OrderConfiguration {

	@Bean
	TaxRate taxRate(OrdersProperties properties) {
		return new TaxRate(properties.pricing().taxRateBasisPoints());
	}

	@Bean
	OrderRequestRules orderRequestRules(OrdersProperties properties) {
		OrdersProperties.Limits limits = properties.limits();
		return new OrderRequestRules(new OrderLimits(limits.maxLines(), limits.minQuantity(), limits.maxQuantity()));
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}

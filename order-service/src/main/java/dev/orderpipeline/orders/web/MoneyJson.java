package dev.orderpipeline.orders.web;

import dev.orderpipeline.orders.money.Money;
import dev.orderpipeline.support.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

@Schema(name = "Money", description = "An amount in integer minor units of an ISO 4217 currency",
		example = "{\"amount\": 4200, \"currency\": \"EUR\"}")
public record MoneyJson(@NotNull @PositiveOrZero @Schema(example = "4200") Long amount,
		@NotNull @Pattern(regexp = "[A-Z]{3}",
				message = "must be an ISO 4217 currency code such as EUR") @Schema(example = "EUR") String currency) {

	public static MoneyJson of(Money money) {
		return new MoneyJson(money.amount(), money.currencyCode());
	}

	public Money toMoney(String field) {
		try {
			return Money.of(this.amount, this.currency);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(field + ".currency", "must be an ISO 4217 currency code such as EUR");
		}
	}

}

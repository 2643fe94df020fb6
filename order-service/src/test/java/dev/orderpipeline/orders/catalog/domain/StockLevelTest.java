package dev.orderpipeline.orders.catalog.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StockLevelTest {

	@Test
	void onlyWhatIsNotReservedIsAvailable() {
		StockLevel stock = new StockLevel(10, 7);

		assertThat(stock.available()).isEqualTo(3);
		assertThat(stock.canReserve(3)).isTrue();
		assertThat(stock.canReserve(4)).isFalse();
	}

	@Test
	void onHandCannotDropBelowTheReservedQuantity() {
		StockLevel stock = new StockLevel(10, 7);

		assertThat(stock.canSetOnHand(7)).isTrue();
		assertThat(stock.canSetOnHand(6)).isFalse();
	}

	@Test
	void refusesAnInconsistentLevel() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StockLevel(1, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> new StockLevel(-1, 0));
	}

}

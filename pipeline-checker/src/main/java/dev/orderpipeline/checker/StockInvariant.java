package dev.orderpipeline.checker;

/**
 * Stock agrees with the orders: each SKU's {@code reserved} equals the quantities of its
 * lines in orders not cancelled, and {@code reserved <= on_hand}. Checked over all
 * orders, whatever the window: reservations are a current state, not a history.
 */
final class StockInvariant {

	static final String NAME = "stock: reserved equals the open orders' quantities";

	private StockInvariant() {
	}

	static InvariantReport check(OrdersSnapshot truth, int listLimit) {
		Tally tally = new Tally(NAME, "For every SKU, reserved = the quantities of its lines in orders not cancelled,"
				+ " and reserved <= on_hand.", listLimit);
		for (OrdersSnapshot.StockRow row : truth.stock()) {
			String problem = null;
			if (row.reserved() != row.placedQuantity()) {
				problem = "reserved is " + row.reserved() + ", the open orders hold " + row.placedQuantity();
			}
			else if (row.reserved() > row.onHand()) {
				problem = "reserved " + row.reserved() + " is more than on_hand " + row.onHand();
			}
			tally.check(problem == null, row.sku(), problem);
		}
		return tally.report();
	}

}

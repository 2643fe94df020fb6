package dev.orderpipeline.checker;

/** What a consumer group's effects are, and so how they are checked against the truth. */
public enum ConsumerKind {

	/** notification-service: one email per event that calls for one. */
	NOTIFICATION,

	/** analytics-service: totals per day, currency and SKU. */
	ANALYTICS,

	/** search-projection-service: one document per order. */
	SEARCH

}

package dev.orderpipeline.events;

/** Names of the topics the pipeline's events travel on. */
public final class EventTopics {

	/** Every order event, keyed by order id. */
	public static final String ORDER_EVENTS = "order-events";

	private EventTopics() {
	}

}

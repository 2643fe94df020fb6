package dev.orderpipeline.consumer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The runtime's listener containers: the batch container on the source topic, one record
 * container per retry topic and the dead-letter recorder. Started and stopped with the
 * application; also the registry Spring Kafka's back-off manager uses to pause a retry
 * partition until its next record is due.
 */
public final class ConsumerContainers implements SmartLifecycle, ListenerContainerRegistry {

	private final Map<String, MessageListenerContainer> containers = new LinkedHashMap<>();

	private volatile boolean running;

	void add(MessageListenerContainer container) {
		this.containers.put(container.getListenerId(), container);
	}

	/**
	 * The batch container on the source topic, for operations and tests that stop and
	 * start consumption.
	 * @return the container
	 */
	public MessageListenerContainer source() {
		return this.containers.values().iterator().next();
	}

	@Override
	public void start() {
		this.containers.values().forEach(MessageListenerContainer::start);
		this.running = true;
	}

	/** Stops taking new events first, then the retry containers and the recorder. */
	@Override
	public void stop() {
		this.running = false;
		this.containers.values().forEach(MessageListenerContainer::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE;
	}

	@Override
	public MessageListenerContainer getListenerContainer(String id) {
		return this.containers.get(id);
	}

	@Override
	public Collection<MessageListenerContainer> getListenerContainersMatching(Predicate<String> idMatcher) {
		return this.containers.entrySet()
			.stream()
			.filter((entry) -> idMatcher.test(entry.getKey()))
			.map(Map.Entry::getValue)
			.toList();
	}

	@Override
	public Collection<MessageListenerContainer> getListenerContainersMatching(
			BiPredicate<String, MessageListenerContainer> matcher) {
		return this.containers.entrySet()
			.stream()
			.filter((entry) -> matcher.test(entry.getKey(), entry.getValue()))
			.map(Map.Entry::getValue)
			.toList();
	}

	@Override
	public MessageListenerContainer getUnregisteredListenerContainer(String id) {
		return null;
	}

	@Override
	public Set<String> getListenerContainerIds() {
		return this.containers.keySet();
	}

	@Override
	public Collection<MessageListenerContainer> getListenerContainers() {
		return this.containers.values();
	}

	@Override
	public Collection<MessageListenerContainer> getAllListenerContainers() {
		return this.containers.values();
	}

}

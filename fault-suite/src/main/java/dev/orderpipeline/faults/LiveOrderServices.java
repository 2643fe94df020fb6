package dev.orderpipeline.faults;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The order-service instances a load balancer would route to: all that run, less one the
 * suite is about to kill (a balancer's health check sees a dead instance go; it cannot
 * see a frozen one, so that one stays).
 */
final class LiveOrderServices {

	private final List<StackProcess> instances = new CopyOnWriteArrayList<>();

	LiveOrderServices(List<StackProcess> instances) {
		this.instances.addAll(instances);
	}

	void remove(StackProcess instance) {
		this.instances.removeIf((known) -> known.label().equals(instance.label()));
	}

	void add(StackProcess instance) {
		remove(instance);
		this.instances.add(instance);
	}

	List<String> baseUrls() {
		return this.instances.stream().map(StackProcess::baseUrl).toList();
	}

}

package dev.orderpipeline.localrun;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.orderpipeline.infra.KafkaBroker;
import dev.orderpipeline.infra.KafkaCluster;
import dev.orderpipeline.infra.LocalInfrastructure;
import dev.orderpipeline.infra.faults.Signals;
import dev.orderpipeline.infra.faults.TcpProxy;

/**
 * What the control endpoint does to a running stack (benchmarks and the fault suite):
 * stop, start, kill, freeze and thaw services and broker nodes, stop and start
 * PostgreSQL, drop the proxied connections. A restarted service is replaced in place in
 * the run's list of services, so the run's watch and its shutdown see the new process.
 */
final class StackControl implements LocalControl.Actions {

	/** Starts one instance of a service, as the run did at startup. */
	@FunctionalInterface
	interface ServiceStarter {

		ServiceProcess start(ServiceDefinition definition, int instance) throws IOException;

	}

	private final LocalInfrastructure infrastructure;

	private final List<ServiceProcess> services;

	private final TcpProxy postgresProxy;

	private final ServiceStarter starter;

	private final int mailUiPort;

	private final int authPort;

	/**
	 * @param services the run's services, changed in place on a restart (a thread-safe
	 * list: the run's watch reads it at the same time)
	 * @param postgresProxy between the further instances and PostgreSQL, or null with one
	 * instance
	 */
	StackControl(LocalInfrastructure infrastructure, List<ServiceProcess> services, TcpProxy postgresProxy,
			ServiceStarter starter, int mailUiPort, int authPort) {
		this.infrastructure = infrastructure;
		this.services = services;
		this.postgresProxy = postgresProxy;
		this.starter = starter;
		this.mailUiPort = mailUiPort;
		this.authPort = authPort;
	}

	@Override
	public void stopKafka() {
		LocalRun.say("Control: stopping Kafka");
		this.infrastructure.kafka().stop();
	}

	@Override
	public void startKafka() {
		LocalRun.say("Control: starting Kafka");
		this.infrastructure.kafka().start();
	}

	@Override
	public synchronized boolean stopService(String name) {
		List<ServiceProcess> instances = this.services.stream()
			.filter((service) -> service.definition().name().equals(name))
			.toList();
		for (ServiceProcess service : instances) {
			LocalRun.say("Control: stopping " + service.label());
			service.requestStop();
			service.awaitExit(Duration.ofSeconds(30));
		}
		return !instances.isEmpty();
	}

	@Override
	public synchronized boolean startService(String name) throws IOException {
		boolean known = false;
		for (int i = 0; i < this.services.size(); i++) {
			if (this.services.get(i).definition().name().equals(name)) {
				known = true;
				restartIfDead(i);
			}
		}
		return known;
	}

	@Override
	public synchronized boolean serviceInstance(String name, int instance, LocalControl.Action action)
			throws IOException {
		for (int i = 0; i < this.services.size(); i++) {
			ServiceProcess service = this.services.get(i);
			if (service.definition().name().equals(name) && service.instance() == instance) {
				LocalRun.say("Control: " + action.name().toLowerCase(Locale.ROOT) + " " + service.label());
				switch (action) {
					case STOP -> {
						service.requestStop();
						service.awaitExit(Duration.ofSeconds(30));
					}
					case KILL -> service.kill();
					case FREEZE -> Signals.freeze(service.pid());
					case THAW -> Signals.thaw(service.pid());
					case START -> restartIfDead(i);
				}
				return true;
			}
		}
		return false;
	}

	private void restartIfDead(int index) throws IOException {
		ServiceProcess service = this.services.get(index);
		if (!service.isAlive()) {
			LocalRun.say("Control: starting " + service.label());
			this.services.set(index, this.starter.start(service.definition(), service.instance()));
		}
	}

	@Override
	public boolean kafkaNode(int node, LocalControl.Action action) {
		KafkaCluster cluster = this.infrastructure.kafkaCluster();
		if (node < 1 || node > cluster.size()) {
			return false;
		}
		KafkaBroker broker = cluster.node(node);
		LocalRun.say("Control: " + action.name().toLowerCase(Locale.ROOT) + " Kafka node " + node);
		switch (action) {
			case STOP -> broker.stop();
			case KILL -> broker.kill();
			case FREEZE -> broker.pid().ifPresent(Signals::freeze);
			case THAW -> broker.pid().ifPresent(Signals::thaw);
			case START -> broker.start();
		}
		return true;
	}

	@Override
	public void postgres(LocalControl.Action action) {
		LocalRun.say("Control: " + action.name().toLowerCase(Locale.ROOT) + " PostgreSQL");
		switch (action) {
			case STOP -> this.infrastructure.postgres().stop();
			case START -> this.infrastructure.postgres().start();
			default -> throw new IllegalArgumentException("PostgreSQL can be stopped and started, not " + action);
		}
	}

	@Override
	public void network(boolean drop) {
		TcpProxy proxy = this.postgresProxy;
		if (proxy == null) {
			throw new IllegalArgumentException("No proxy: start the run with --instances=2 or more");
		}
		LocalRun
			.say("Control: the further instances' connections to PostgreSQL " + (drop ? "drop every packet" : "heal"));
		if (drop) {
			proxy.drop();
		}
		else {
			proxy.heal();
		}
	}

	@Override
	public String processes() {
		StringBuilder text = new StringBuilder();
		for (ServiceProcess service : this.services) {
			text.append(service.label())
				.append(' ')
				.append(service.isAlive() ? Long.toString(service.pid()) : "-")
				.append(' ')
				.append(service.port())
				.append('\n');
		}
		for (KafkaBroker broker : this.infrastructure.kafkaCluster().nodes()) {
			text.append("kafka-")
				.append(broker.nodeId())
				.append(' ')
				.append(broker.pid().isPresent() ? Long.toString(broker.pid().getAsLong()) : "-")
				.append(' ')
				.append(broker.port())
				.append('\n');
		}
		text.append("postgres ")
			.append(this.infrastructure.postgres().isRunning() ? "running" : "-")
			.append(' ')
			.append(this.infrastructure.postgres().port())
			.append('\n')
			.append("smtp running ")
			.append(this.mailUiPort)
			.append('\n')
			.append("auth running ")
			.append(this.authPort);
		return text.toString();
	}

}

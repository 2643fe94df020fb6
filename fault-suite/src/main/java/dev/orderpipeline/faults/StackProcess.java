package dev.orderpipeline.faults;

import java.util.OptionalLong;

/**
 * One process of the local run as its control endpoint lists it: a service instance
 * ({@code order-service}, {@code order-service-2}), a broker node ({@code kafka-1}),
 * PostgreSQL, the mail server or the identity provider.
 *
 * @param pid empty while it is not running
 */
record StackProcess(String label, OptionalLong pid, int port) {

	static StackProcess parse(String line) {
		String[] fields = line.trim().split(" ");
		if (fields.length != 3) {
			throw new IllegalArgumentException("Not a process line: " + line);
		}
		OptionalLong pid = fields[1].matches("\\d+") ? OptionalLong.of(Long.parseLong(fields[1]))
				: OptionalLong.empty();
		boolean running = pid.isPresent() || fields[1].equals("running");
		return new StackProcess(fields[0], running ? pid.isPresent() ? pid : OptionalLong.of(0) : OptionalLong.empty(),
				Integer.parseInt(fields[2]));
	}

	boolean running() {
		return this.pid.isPresent();
	}

	/**
	 * The service's name without its instance number: {@code order-service-2} is an
	 * order-service.
	 */
	String service() {
		return this.label.matches(".*-\\d+$") && !isBroker() ? this.label.substring(0, this.label.lastIndexOf('-'))
				: this.label;
	}

	/** 1 for the first instance, 2 for {@code name-2}. */
	int instance() {
		return this.label.matches(".*-\\d+$") ? Integer.parseInt(this.label.substring(this.label.lastIndexOf('-') + 1))
				: 1;
	}

	boolean isBroker() {
		return this.label.startsWith("kafka-");
	}

	boolean isService() {
		return this.label.endsWith("-service") || this.label.matches(".*-service-\\d+$");
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

}

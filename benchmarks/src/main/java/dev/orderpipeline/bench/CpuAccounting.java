package dev.orderpipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time by process of the stack over a run, from {@code /proc} (Linux): what one order
 * costs in each process, with shares that add up to the machine's busy time ("other" is
 * whatever ran that is not part of the stack, e.g. a build beside the benchmark).
 */
final class CpuAccounting {

	/** Clock ticks per second of {@code /proc} times (USER_HZ, 100 on Linux). */
	private static final double TICKS_PER_SECOND = 100;

	/**
	 * A service of the local run: {@code java ... -jar
	 *
	<dir>
	 * /<module>/target/<module>-<version>.jar}.
	 */
	private static final Pattern SERVICE_JAR = Pattern.compile("-jar \\S*/([a-z0-9-]+)/target/\\1-[^ ]*\\.jar");

	/** Ticks by group, and the machine's busy ticks, at one moment. */
	record Snapshot(Map<String, Long> ticks, long machineBusy) {
	}

	private CpuAccounting() {
	}

	static Snapshot snapshot() {
		Map<String, Long> ticks = new LinkedHashMap<>();
		long self = ProcessHandle.current().pid();
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			processes.filter((path) -> path.getFileName().toString().chars().allMatch(Character::isDigit))
				.forEach((path) -> {
					String group = group(path, self);
					if (group != null) {
						ticks.merge(group, ticksOf(path), Long::sum);
					}
				});
		}
		catch (IOException ex) {
			return new Snapshot(Map.of(), 0);
		}
		return new Snapshot(ticks, machineBusy());
	}

	/**
	 * Milliseconds of CPU per order by group between two snapshots, with each group's
	 * share of the machine's busy time.
	 */
	static Map<String, Object> perOrder(Snapshot before, Snapshot after, long orders) {
		Map<String, Object> result = new LinkedHashMap<>();
		long machine = after.machineBusy() - before.machineBusy();
		long accounted = 0;
		for (Map.Entry<String, Long> entry : after.ticks().entrySet()) {
			long used = Math.max(0, entry.getValue() - before.ticks().getOrDefault(entry.getKey(), 0L));
			accounted += used;
			result.put(entry.getKey(), figures(used, machine, orders));
		}
		result.put("other", figures(Math.max(0, machine - accounted), machine, orders));
		result.put("machine", figures(machine, machine, orders));
		result.put("orders", orders);
		return result;
	}

	private static Map<String, Object> figures(long ticks, long machine, long orders) {
		Map<String, Object> figures = new LinkedHashMap<>();
		double millis = ticks / TICKS_PER_SECOND * 1000;
		figures.put("cpuMs", millis);
		figures.put("cpuMsPerOrder", (orders > 0) ? millis / orders : Double.NaN);
		figures.put("shareOfMachine", (machine > 0) ? (double) ticks / machine : Double.NaN);
		return figures;
	}

	private static String group(Path process, long self) {
		if (process.getFileName().toString().equals(Long.toString(self))) {
			return "benchmark (load generator)";
		}
		try {
			String comm = Files.readString(process.resolve("comm")).trim();
			if (comm.startsWith("postgres")) {
				return "postgresql";
			}
			if (comm.equals("pgbench")) {
				return "pgbench";
			}
			String commandLine = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
			Matcher service = SERVICE_JAR.matcher(commandLine);
			if (service.find()) {
				return service.group(1);
			}
			if (commandLine.contains("KafkaBrokerMain") || commandLine.contains("kafka.Kafka")) {
				return "kafka";
			}
			if (commandLine.contains("local-run/target")) {
				return "local-run (launcher, SMTP, identity provider)";
			}
			return null;
		}
		catch (IOException gone) {
			return null;
		}
	}

	private static long ticksOf(Path process) {
		try {
			String stat = Files.readString(process.resolve("stat"));
			// After the command name, which is in parentheses and may hold spaces:
			// fields 3.. of proc(5); utime and stime are fields 14 and 15.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException gone) {
			return 0;
		}
	}

	private static long machineBusy() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			// user nice system idle iowait irq softirq steal (guest time is in user).
			for (int i = 1; i <= 8 && i < cpu.length; i++) {
				total += Long.parseLong(cpu[i]);
			}
			return total - Long.parseLong(cpu[4]) - Long.parseLong(cpu[5]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}

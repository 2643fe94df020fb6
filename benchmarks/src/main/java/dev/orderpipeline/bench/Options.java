package dev.orderpipeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name=value} options, and bare {@code --flag}s as {@code true}. */
final class Options {

	private final Map<String, String> values = new LinkedHashMap<>();

	Options(String[] args) {
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Expected --name=value or --flag, got " + arg);
			}
			int equals = arg.indexOf('=');
			if (equals < 0) {
				this.values.put(arg.substring(2), "true");
			}
			else {
				this.values.put(arg.substring(2, equals), arg.substring(equals + 1));
			}
		}
	}

	String get(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	int getInt(String name, int fallback) {
		return Integer.parseInt(get(name, Integer.toString(fallback)));
	}

	boolean flag(String name) {
		return Boolean.parseBoolean(get(name, "false"));
	}

	Map<String, String> asMap() {
		return this.values;
	}

}

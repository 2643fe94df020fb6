package dev.orderpipeline.monitor;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Good enough for the expressions in this
 * repository's dashboards and rules: strips strings, label matchers, ranges and grouping
 * clauses, then takes every identifier that is neither a function call nor a keyword.
 */
final class PromQlNames {

	private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![0-9A-Za-z_:.$])[A-Za-z_:][A-Za-z0-9_:]*");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");

	private PromQlNames() {
	}

	static Set<String> metricNames(String expression) {
		String stripped = STRINGS.matcher(expression).replaceAll("\"\"");
		stripped = MATCHERS.matcher(stripped).replaceAll(" ");
		stripped = RANGES.matcher(stripped).replaceAll(" ");
		stripped = GROUPING.matcher(stripped).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(stripped);
		while (matcher.find()) {
			String name = matcher.group();
			boolean call = stripped.substring(matcher.end()).stripLeading().startsWith("(");
			if (!call && !KEYWORDS.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

}

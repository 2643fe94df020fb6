package dev.orderpipeline.bench;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Writes the report's maps, lists, arrays, numbers and strings as JSON. */
final class Json {

	private Json() {
	}

	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out, 0);
		return out.append('\n').toString();
	}

	private static void write(Object value, StringBuilder out, int indent) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			out.append("{");
			Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
			while (entries.hasNext()) {
				Map.Entry<?, ?> entry = entries.next();
				newline(out, indent + 1);
				string(String.valueOf(entry.getKey()), out);
				out.append(": ");
				write(entry.getValue(), out, indent + 1);
				if (entries.hasNext()) {
					out.append(',');
				}
			}
			newline(out, indent);
			out.append("}");
		}
		else if (value instanceof Iterable<?> list) {
			out.append("[");
			Iterator<?> items = list.iterator();
			while (items.hasNext()) {
				write(items.next(), out, indent + 1);
				if (items.hasNext()) {
					out.append(", ");
				}
			}
			out.append("]");
		}
		else if (value instanceof long[] longs) {
			out.append('[');
			for (int i = 0; i < longs.length; i++) {
				out.append(i > 0 ? ", " : "").append(longs[i]);
			}
			out.append(']');
		}
		else if (value instanceof double[] doubles) {
			out.append('[');
			for (int i = 0; i < doubles.length; i++) {
				out.append(i > 0 ? ", " : "").append(number(doubles[i]));
			}
			out.append(']');
		}
		else if (value instanceof Double || value instanceof Float) {
			out.append(number(((Number) value).doubleValue()));
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else {
			string(value.toString(), out);
		}
	}

	private static String number(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "null";
		}
		return String.format(Locale.ROOT, "%.3f", value).replaceAll("\\.?0+$", "");
	}

	private static void newline(StringBuilder out, int indent) {
		out.append('\n').append("  ".repeat(indent));
	}

	private static void string(String value, StringBuilder out) {
		out.append('"');
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}

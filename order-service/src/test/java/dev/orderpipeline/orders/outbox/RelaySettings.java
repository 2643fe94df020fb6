package dev.orderpipeline.orders.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Relay settings for a relay a test builds: the test context's own, with some
 * {@code orders.outbox.relay.*} properties changed, bound (and validated) as the
 * application binds them.
 */
final class RelaySettings {

	private RelaySettings() {
	}

	/**
	 * @param environment the test context's
	 * @param overrides {@code name=value} pairs, names relative to
	 * {@code orders.outbox.relay}, e.g. {@code poll-interval=PT1H}
	 */
	static OutboxProperties.Relay from(Environment environment, String... overrides) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (String override : overrides) {
			int equals = override.indexOf('=');
			properties.put("orders.outbox.relay." + override.substring(0, equals), override.substring(equals + 1));
		}
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		sources.add(new MapConfigurationPropertySource(properties));
		ConfigurationPropertySources.get(environment).forEach(sources::add);
		return new Binder(sources).bindOrCreate("orders.outbox.relay", OutboxProperties.Relay.class);
	}

}

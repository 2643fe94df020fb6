package dev.orderpipeline.consumer;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The topics of one consumer group. Retry and dead-letter topics are named after the
 * group ({@code <group>.<source>.retry-<n>}, {@code <group>.<source>.dlt}), so one
 * group's failures never reach another group, and each group can replay its own dead
 * letters without touching the shared source topic.
 *
 * @param group the consumer group
 * @param source the source topic
 * @param retryAttempts number of retry topics
 */
public record ConsumerTopics(String group, String source, int retryAttempts) {

	/**
	 * The retry topic of one attempt.
	 * @param index 0 for the first retry
	 * @return the topic name
	 */
	public String retry(int index) {
		if (index < 0 || index >= this.retryAttempts) {
			throw new IllegalArgumentException("No retry topic " + index + " (attempts: " + this.retryAttempts + ")");
		}
		return this.group + "." + this.source + ".retry-" + index;
	}

	public List<String> retries() {
		return IntStream.range(0, this.retryAttempts).mapToObj(this::retry).toList();
	}

	/**
	 * Where replayed dead letters go: the first retry topic. Never the shared source
	 * topic, where every other group would see them again.
	 * @return the topic name
	 */
	public String replay() {
		return retry(0);
	}

	public String deadLetter() {
		return this.group + "." + this.source + ".dlt";
	}

}

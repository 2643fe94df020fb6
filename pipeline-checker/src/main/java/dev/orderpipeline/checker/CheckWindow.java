package dev.orderpipeline.checker;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The orders a check covers: those created in {@code [from, to)}. Analytics figures are
 * kept per UTC day, so the analytics invariant compares every day the window touches,
 * over all orders of those days.
 *
 * @param from first instant covered
 * @param to first instant no longer covered
 */
public record CheckWindow(Instant from, Instant to) {

	/** Records are read from this long before the window, for clocks a little apart. */
	static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

	public CheckWindow {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (!from.isBefore(to)) {
			throw new IllegalArgumentException("The window's from (" + from + ") must be before its to (" + to + ")");
		}
	}

	/** Everything, as the fault-injection suite checks after each round. */
	public static CheckWindow all() {
		return new CheckWindow(Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"));
	}

	/** The last {@code length} before {@code now}. */
	public static CheckWindow last(Duration length, Instant now) {
		return new CheckWindow(now.minus(length), now);
	}

	public boolean contains(Instant instant) {
		return instant != null && !instant.isBefore(this.from) && instant.isBefore(this.to);
	}

	boolean isEverything() {
		return this.from.equals(Instant.EPOCH) && this.to.equals(all().to());
	}

	/** The first UTC day the window touches. */
	LocalDate firstDay() {
		return LocalDate.ofInstant(this.from, ZoneOffset.UTC);
	}

	/** The day after the last UTC day the window touches. */
	LocalDate endDay() {
		return LocalDate.ofInstant(this.to.minusNanos(1), ZoneOffset.UTC).plusDays(1);
	}

	/** Where reading the topics starts: the first touched day, less the clock slack. */
	Instant readFrom() {
		Instant dayStart = firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
		return isEverything() ? Instant.EPOCH : dayStart.minus(CLOCK_SLACK);
	}

}

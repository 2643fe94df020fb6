package dev.orderpipeline.orders.order;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * UUID version 7 (RFC 9562): a millisecond timestamp followed by 74 random bits. New ids
 * land at the right edge of the primary key index instead of at random pages, which keeps
 * inserts cheap at high order rates; the random bits keep ids unguessable.
 */
@Component
class TimeOrderedIds {

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	TimeOrderedIds(Clock clock) {
		this.clock = clock;
	}

	UUID next() {
		long millis = this.clock.millis();
		long randomHigh = this.random.nextLong();
		long randomLow = this.random.nextLong();
		long mostSignificant = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
		long leastSignificant = (randomLow & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(mostSignificant, leastSignificant);
	}

}

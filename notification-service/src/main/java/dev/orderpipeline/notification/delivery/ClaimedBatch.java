package dev.orderpipeline.notification.delivery;

import java.util.List;

/**
 * Rows one claim took, and the fencing token it wrote to them: every update of these rows
 * names the token, so only the holder of the latest claim can change them.
 *
 * @param claim the fencing token
 * @param emails the claimed rows, in claim order
 */
record ClaimedBatch(long claim, List<OutgoingEmail> emails) {

	boolean isEmpty() {
		return this.emails.isEmpty();
	}

}

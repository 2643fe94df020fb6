package dev.orderpipeline.consumer.deadletter;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Dead-letter operations of this service's consumer group. */
@RestController
@RequestMapping("/dead-letters")
public class DeadLetterController {

	private final DeadLetterQueries store;

	private final DeadLetterReplayer replayer;

	public DeadLetterController(DeadLetterQueries store, DeadLetterReplayer replayer) {
		this.store = store;
		this.replayer = replayer;
	}

	/**
	 * Lists dead letters, oldest first.
	 * @param status {@code pending} (not replayed yet, the default) or {@code all}
	 * @param limit the most to return, 1 to 1000
	 * @return the dead letters
	 */
	@GetMapping
	List<DeadLetter> list(@RequestParam(defaultValue = "pending") String status,
			@RequestParam(defaultValue = "100") int limit) {
		if (!status.equals("pending") && !status.equals("all")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be 'pending' or 'all'");
		}
		if (limit < 1 || limit > 1000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
		}
		return this.store.list(status.equals("all"), limit);
	}

	@GetMapping("/{id}")
	DeadLetterRecord show(@PathVariable long id) {
		return this.store.find(id).orElseThrow(() -> notFound(id));
	}

	@PostMapping("/{id}/replay")
	@ResponseStatus(HttpStatus.ACCEPTED)
	DeadLetter replay(@PathVariable long id) {
		if (!this.replayer.replay(id)) {
			throw notFound(id);
		}
		return this.store.find(id).orElseThrow(() -> notFound(id)).summary();
	}

	@PostMapping("/replay-all")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Integer> replayAll(@RequestParam(defaultValue = "1000") int limit) {
		if (limit < 1 || limit > 10000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 10000");
		}
		return Map.of("replayed", this.replayer.replayPending(limit));
	}

	private static ResponseStatusException notFound(long id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No dead letter " + id);
	}

}

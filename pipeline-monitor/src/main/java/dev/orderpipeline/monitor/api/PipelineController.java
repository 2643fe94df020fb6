package dev.orderpipeline.monitor.api;

import dev.orderpipeline.monitor.pipeline.PipelineRefresher;
import dev.orderpipeline.monitor.pipeline.PipelineSnapshot;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status page's API. Reads only the last snapshot; never waits for Kafka.
 */
@RestController
class PipelineController {

	static final String REPLAY_HEADER = "X-Pipeline-Monitor";

	private final PipelineRefresher refresher;

	private final DeadLetterReplayProxy replay;

	PipelineController(PipelineRefresher refresher, DeadLetterReplayProxy replay) {
		this.refresher = refresher;
		this.replay = replay;
	}

	@GetMapping("/api/pipeline")
	PipelineSnapshot pipeline() {
		return this.refresher.latest();
	}

	/**
	 * Asks the group's consumer service to replay its pending dead letters, so the
	 * browser talks to one origin.
	 * @param group the consumer group
	 * @param limit the most dead letters to replay
	 * @return the consumer service's answer, or a problem if it could not be reached
	 */
	@PostMapping("/api/groups/{group}/dead-letters/replay-all")
	ResponseEntity<?> replayAll(@PathVariable String group, @RequestParam(defaultValue = "1000") int limit,
			@RequestHeader(name = REPLAY_HEADER, required = false) String confirmation,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		if (!"replay".equals(confirmation)) {
			return problem(HttpStatus.FORBIDDEN, "Missing " + REPLAY_HEADER + " header",
					"Send " + REPLAY_HEADER + ": replay. A browser on another origin cannot send it without a CORS "
							+ "preflight, which this service refuses, so no other web page can trigger a replay.");
		}
		return this.replay.replayAll(group, limit, authorization);
	}

	static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).body(problem);
	}

}

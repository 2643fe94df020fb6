package dev.orderpipeline.search.rebuild;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Projection rebuild", description = "Rebuild the order documents from the start of order-events")
class ProjectionRebuildController {

	private final ProjectionRebuilder rebuilder;

	private final RebuildRuns runs;

	ProjectionRebuildController(ProjectionRebuilder rebuilder, RebuildRuns runs) {
		this.rebuilder = rebuilder;
		this.runs = runs;
	}

	@PostMapping("/projection/rebuild")
	@Operation(summary = "Start a rebuild",
			description = "Reads order-events from the earliest offset into a fresh table and swaps it in "
					+ "atomically. 202 with the rebuild's id and Location; 409 while another rebuild runs.")
	ResponseEntity<RebuildStarted> start() {
		long id = this.rebuilder.start();
		return ResponseEntity.accepted()
			.location(URI.create("/projection/rebuild/" + id))
			.body(new RebuildStarted(id, RebuildState.COPYING));
	}

	@GetMapping("/projection/rebuild/{id}")
	@Operation(summary = "Show a rebuild's progress",
			description = "State, records read, captured end offsets and position per partition, percent.")
	RebuildStatus status(@PathVariable long id) {
		return this.runs.find(id).orElseThrow(() -> new RebuildNotFoundException(id));
	}

	/**
	 * The answer to starting a rebuild.
	 *
	 * @param id the rebuild, for {@code GET /projection/rebuild/{id}}
	 * @param state its state
	 */
	record RebuildStarted(long id, RebuildState state) {

	}

}

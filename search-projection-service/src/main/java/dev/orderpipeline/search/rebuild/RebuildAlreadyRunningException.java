package dev.orderpipeline.search.rebuild;

/** A rebuild was requested while another one has not finished. */
class RebuildAlreadyRunningException extends RuntimeException {

	RebuildAlreadyRunningException() {
		super("A projection rebuild is already running; wait for it to finish");
	}

}

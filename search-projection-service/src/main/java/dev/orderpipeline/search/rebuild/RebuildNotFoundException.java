package dev.orderpipeline.search.rebuild;

/** No rebuild has the requested id. */
class RebuildNotFoundException extends RuntimeException {

	RebuildNotFoundException(long id) {
		super("No projection rebuild " + id);
	}

}

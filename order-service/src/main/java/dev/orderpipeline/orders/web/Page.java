package dev.orderpipeline.orders.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.orderpipeline.support.problem.FieldError;
import dev.orderpipeline.support.problem.InvalidRequestException;

/**
 * One page of a list. Whether there is a next page is known from fetching one item more
 * than asked for, so no count query is needed.
 */
public record Page<T>(List<T> items, int page, int size, boolean hasNext) {

	public static final int MAX_SIZE = 100;

	// Offset paging gets slower the deeper it goes; past this, clients should filter.
	public static final int MAX_OFFSET = 10_000;

	public static void check(int page, int size) {
		List<FieldError> errors = new ArrayList<>();
		if (page < 0) {
			errors.add(new FieldError("page", "must be at least 0"));
		}
		if (size < 1 || size > MAX_SIZE) {
			errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
		}
		if (errors.isEmpty() && (long) page * size > MAX_OFFSET) {
			errors.add(new FieldError("page", "page * size must be at most " + MAX_OFFSET));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
	}

	public static <S, T> Page<T> of(List<S> fetchedOneMore, int page, int size, Function<S, T> mapper) {
		boolean hasNext = fetchedOneMore.size() > size;
		List<T> items = fetchedOneMore.stream().limit(size).map(mapper).toList();
		return new Page<>(items, page, size, hasNext);
	}

}

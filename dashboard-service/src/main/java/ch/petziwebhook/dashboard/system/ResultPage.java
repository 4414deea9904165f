package ch.petziwebhook.dashboard.system;

import java.util.List;

/**
 * One page of an API listing, in the same shape as the ticket pages.
 *
 * @param <T> the element type
 * @param content the elements of this page
 * @param page the zero-based page number
 * @param size the maximum number of elements per page
 * @param totalElements the number of elements on all pages
 * @param totalPages the number of pages
 */
public record ResultPage<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

	/** The largest page size the API accepts. */
	public static final int MAX_SIZE = 200;

	public static <T> ResultPage<T> of(List<T> content, int page, int size, long totalElements) {
		int totalPages = (int) ((totalElements + size - 1) / size);
		return new ResultPage<>(content, page, size, totalElements, totalPages);
	}

	public static <T> ResultPage<T> empty(int page, int size) {
		return of(List.of(), page, size, 0);
	}

}

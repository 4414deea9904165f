package ch.petziwebhook.dashboard.ticket;

import java.util.List;

/**
 * One page of tickets, newest first.
 *
 * @param content the tickets of this page
 * @param page the zero-based page number
 * @param size the maximum number of tickets per page
 * @param totalElements the number of tickets on all pages
 * @param totalPages the number of pages
 */
public record TicketPage(List<TicketView> content, int page, int size, long totalElements, int totalPages) {

	static TicketPage of(List<TicketView> content, int page, int size, long totalElements) {
		int totalPages = (int) ((totalElements + size - 1) / size);
		return new TicketPage(content, page, size, totalElements, totalPages);
	}

	TicketPage withoutBuyers() {
		return new TicketPage(this.content.stream().map(TicketView::withoutBuyer).toList(), this.page, this.size,
				this.totalElements, this.totalPages);
	}

	static TicketPage empty(int page, int size) {
		return of(List.of(), page, size, 0);
	}

}

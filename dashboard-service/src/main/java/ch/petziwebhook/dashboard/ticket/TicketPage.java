package ch.petziwebhook.dashboard.ticket;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of tickets, newest first.
 *
 * @param content the tickets of this page
 * @param page the zero-based page number
 * @param size the maximum number of tickets per page
 * @param totalElements the number of tickets on all pages, or a lower bound of it when
 * {@code totalCapped}
 * @param totalPages the number of pages that {@code totalElements} fills
 * @param totalCapped whether more tickets match than {@code totalElements}, because a
 * search stopped counting there. JSON shows it only when it is {@code true}
 */
public record TicketPage(List<TicketView> content, int page, int size, long totalElements, int totalPages,
		@JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean totalCapped) {

	static TicketPage of(List<TicketView> content, int page, int size, long totalElements) {
		return of(content, page, size, totalElements, false);
	}

	static TicketPage of(List<TicketView> content, int page, int size, long totalElements, boolean totalCapped) {
		int totalPages = (int) ((totalElements + size - 1) / size);
		return new TicketPage(content, page, size, totalElements, totalPages, totalCapped);
	}

	TicketPage withoutBuyers() {
		return new TicketPage(this.content.stream().map(TicketView::withoutBuyer).toList(), this.page, this.size,
				this.totalElements, this.totalPages, this.totalCapped);
	}

	static TicketPage empty(int page, int size) {
		return of(List.of(), page, size, 0);
	}

}

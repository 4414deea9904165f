package ch.petziwebhook.dashboard.ticket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import ch.petziwebhook.dashboard.token.ApiTokenAuthentication;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API over tickets: pages of tickets newest first, optionally only those that
 * match a search as on the ticket page, and one ticket by number. Requests with an API
 * token get the tickets without their buyer.
 */
@RestController
@RequestMapping("/api/tickets")
class TicketApiController {

	static final int MAX_PAGE_SIZE = 200;

	/** Maximum length of the search text, in characters, on the page and in the API. */
	static final int MAX_SEARCH_LENGTH = 100;

	private final TicketQueries tickets;

	TicketApiController(TicketQueries tickets) {
		this.tickets = tickets;
	}

	@GetMapping
	TicketPage listTickets(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size,
			@RequestParam(defaultValue = "") @Size(max = MAX_SEARCH_LENGTH) String q, Authentication authentication) {
		TicketPage found = this.tickets.findPage(page, size, q);

		return ApiTokenAuthentication.isUserLogin(authentication) ? found : found.withoutBuyers();
	}

	@GetMapping("/{number}")
	TicketView showTicket(@PathVariable String number, Authentication authentication) {
		TicketView found = this.tickets.findByNumber(number).orElseThrow(() -> ticketNotFound(number));

		return ApiTokenAuthentication.isUserLogin(authentication) ? found : found.withoutBuyer();
	}

	private static ErrorResponseException ticketNotFound(String number) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No ticket with number '" + number + "'");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

}

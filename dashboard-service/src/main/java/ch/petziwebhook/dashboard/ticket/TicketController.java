package ch.petziwebhook.dashboard.ticket;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ticket list page.
 */
@Controller
class TicketController {

	static final String VIEW_TICKET_LIST = "tickets/list";

	// Petzi's venues are in Switzerland, so times are shown in Swiss time.
	static final ZoneId DISPLAY_ZONE = ZoneId.of("Europe/Zurich");

	static final List<Integer> PAGE_SIZES = List.of(10, 20, 50, 100, 200);

	private static final int PAGE_LINKS = 9;

	private final TicketQueries tickets;

	TicketController(TicketQueries tickets) {
		this.tickets = tickets;
	}

	@GetMapping("/dashboard/tickets")
	String showTicketList(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(TicketApiController.MAX_PAGE_SIZE) int size,
			@RequestParam(defaultValue = "") @Size(max = TicketApiController.MAX_SEARCH_LENGTH) String q, Model model) {
		TicketPage tickets = this.tickets.findPage(page, size, q);

		model.addAttribute("tickets", tickets);
		model.addAttribute("pageNumbers", pageLinks(tickets));
		model.addAttribute("pageSizes", PAGE_SIZES);
		model.addAttribute("displayZone", DISPLAY_ZONE);
		model.addAttribute("search", q.strip());
		return VIEW_TICKET_LIST;
	}

	// Links to at most PAGE_LINKS pages around the current one, so a large read model
	// keeps a short bar.
	private static List<Integer> pageLinks(TicketPage tickets) {
		int first = Math.max(0, Math.min(tickets.page() - PAGE_LINKS / 2, tickets.totalPages() - PAGE_LINKS));
		int last = Math.min(tickets.totalPages(), first + PAGE_LINKS);
		return IntStream.range(first, last).boxed().toList();
	}

}

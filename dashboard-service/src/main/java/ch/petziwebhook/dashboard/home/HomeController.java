package ch.petziwebhook.dashboard.home;

import java.util.Locale;

import ch.petziwebhook.dashboard.event.EventNotFoundException;
import ch.petziwebhook.dashboard.event.EventQueries;
import ch.petziwebhook.dashboard.export.CsvDelimiter;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The home page: events with their valid tickets, and the CSV export of one event.
 */
@Controller
class HomeController {

	static final String VIEW_HOME = "home/home";

	private final EventQueries events;

	HomeController(EventQueries events) {
		this.events = events;
	}

	@GetMapping("/dashboard/home")
	String showHome(Model model) {
		model.addAttribute("events", this.events.findAllWithTicketCounts());
		return VIEW_HOME;
	}

	// The picker's form cannot put the chosen event into a path, so it sends it here.
	@GetMapping("/dashboard/export")
	String exportEvent(@RequestParam long event, @RequestParam(defaultValue = ",") String delimiter) {
		CsvDelimiter parsed = parseDelimiter(delimiter);
		this.events.findById(event).orElseThrow(() -> new EventNotFoundException(event));

		return "redirect:" + UriComponentsBuilder.fromPath("/api/events/{id}/tickets.csv")
			.queryParam("delimiter", parsed.name().toLowerCase(Locale.ROOT))
			.buildAndExpand(event)
			.toUriString();
	}

	private static CsvDelimiter parseDelimiter(String delimiter) {
		try {
			return CsvDelimiter.parse(delimiter);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
		}
	}

}

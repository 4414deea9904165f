package ch.petziwebhook.dashboard.event;

import java.util.List;
import java.util.stream.IntStream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import ch.petziwebhook.dashboard.event.EventQueries.SplitBy;
import ch.petziwebhook.dashboard.system.ResultPage;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The events page: events with their sales, paged; a chosen event shows its cumulative
 * sales over time and its split by category and ticket type.
 */
@Controller
class EventController {

	static final String VIEW_EVENT_LIST = "events/list";

	static final List<Integer> PAGE_SIZES = List.of(10, 20, 50, 100);

	private static final int PAGE_LINKS = 9;

	private final EventQueries events;

	EventController(EventQueries events) {
		this.events = events;
	}

	@GetMapping("/dashboard/events")
	String showEventList(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(ResultPage.MAX_SIZE) int size,
			@RequestParam(required = false) Long event, Model model) {
		ResultPage<EventRow> rows = this.events.findPage(page, size);

		model.addAttribute("events", rows);
		model.addAttribute("pageNumbers", pageLinks(rows));
		model.addAttribute("pageSizes", PAGE_SIZES);
		if (event != null) {
			EventRef chosen = this.events.findById(event).orElseThrow(() -> new EventNotFoundException(event));
			model.addAttribute("chosen", chosen);
			model.addAttribute("byCategory", this.events.findSplit(chosen.id(), SplitBy.CATEGORY));
			model.addAttribute("byType", this.events.findSplit(chosen.id(), SplitBy.TYPE));
		}
		return VIEW_EVENT_LIST;
	}

	// Links to at most PAGE_LINKS pages around the current one.
	private static List<Integer> pageLinks(ResultPage<EventRow> rows) {
		int first = Math.max(0, Math.min(rows.page() - PAGE_LINKS / 2, rows.totalPages() - PAGE_LINKS));
		int last = Math.min(rows.totalPages(), first + PAGE_LINKS);
		return IntStream.range(first, last).boxed().toList();
	}

}

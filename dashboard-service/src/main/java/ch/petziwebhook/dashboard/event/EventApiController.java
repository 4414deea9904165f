package ch.petziwebhook.dashboard.event;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API over events.
 */
@RestController
class EventApiController {

	private final EventQueries events;

	private final SalesQueries sales;

	EventApiController(EventQueries events, SalesQueries sales) {
		this.events = events;
		this.sales = sales;
	}

	@GetMapping("/api/events")
	List<EventSummary> listEvents() {
		return this.events.findAllWithTicketCounts();
	}

	@GetMapping("/api/events/{id}/sales")
	SalesSeries showSales(@PathVariable long id) {
		EventRef event = this.events.findById(id).orElseThrow(() -> new EventNotFoundException(id));

		return this.sales.dailySales(event.id());
	}

	/**
	 * Returns the valid tickets of all events sold per day over the last days, today
	 * (Europe/Zurich) included.
	 */
	@GetMapping("/api/sales")
	SalesSeries showRecentSales(@RequestParam(defaultValue = "7") @Min(1) @Max(366) int days) {
		LocalDate today = LocalDate.now(SalesQueries.ZONE);

		return this.sales.dailySalesBetween(today.minusDays(days - 1), today);
	}

}

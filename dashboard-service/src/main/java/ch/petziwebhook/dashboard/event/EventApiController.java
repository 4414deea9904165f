package ch.petziwebhook.dashboard.event;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API over events.
 */
@RestController
class EventApiController {

	private final EventQueries events;

	EventApiController(EventQueries events) {
		this.events = events;
	}

	@GetMapping("/api/events")
	List<EventSummary> listEvents() {
		return this.events.findAllWithTicketCounts();
	}

}

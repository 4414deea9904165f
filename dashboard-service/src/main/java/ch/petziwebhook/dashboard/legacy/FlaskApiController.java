package ch.petziwebhook.dashboard.legacy;

import java.util.List;

import ch.petziwebhook.dashboard.event.EventNotFoundException;
import ch.petziwebhook.dashboard.event.EventQueries;
import ch.petziwebhook.dashboard.event.EventRef;
import ch.petziwebhook.dashboard.event.SalesQueries;
import ch.petziwebhook.dashboard.event.SalesQueries.HourlySales;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Flask application's data paths, kept for existing scripts: whole lists as JSON
 * arrays, and the hourly chart of an event by Petzi's event id. New scripts should use
 * the paged {@code /api} paths.
 */
@RestController
class FlaskApiController {

	private final FlaskQueries queries;

	private final EventQueries events;

	private final SalesQueries sales;

	FlaskApiController(FlaskQueries queries, EventQueries events, SalesQueries sales) {
		this.queries = queries;
		this.events = events;
		this.sales = sales;
	}

	@GetMapping("/buyers")
	List<FlaskRecords.Buyer> listBuyers() {
		return this.queries.findBuyers();
	}

	@GetMapping("/locations")
	List<FlaskRecords.Location> listLocations() {
		return this.queries.findLocations();
	}

	@GetMapping("/events")
	List<FlaskRecords.Event> listEvents() {
		return this.queries.findEvents();
	}

	@GetMapping("/tickets")
	List<FlaskRecords.Ticket> listTickets() {
		return this.queries.findTickets();
	}

	@GetMapping("/sessions")
	List<FlaskRecords.Session> listSessions() {
		return this.queries.findSessions();
	}

	@GetMapping("/chart/tickets/{eventId}")
	HourlySales showChart(@PathVariable long eventId) {
		EventRef event = this.events.findByPetziEventId(eventId).orElseThrow(() -> new EventNotFoundException(eventId));

		return this.sales.cumulativeHourlySales(event.id());
	}

}

package ch.petziwebhook.dashboard.legacy;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletResponse;

import ch.petziwebhook.dashboard.event.EventNotFoundException;
import ch.petziwebhook.dashboard.event.EventQueries;
import ch.petziwebhook.dashboard.event.EventRef;
import ch.petziwebhook.dashboard.event.SalesQueries;
import ch.petziwebhook.dashboard.event.SalesQueries.HourlySales;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Flask application's data paths, kept for existing scripts: whole lists as JSON
 * arrays, and the hourly chart of an event by Petzi's event id. New scripts should use
 * the paged {@code /api} paths. Buyers, tickets and sessions are written row by row as
 * the database returns them, so the heap does not grow with the read model.
 */
@RestController
class FlaskApiController {

	private final FlaskQueries queries;

	private final EventQueries events;

	private final SalesQueries sales;

	private final JsonMapper jsonMapper;

	FlaskApiController(FlaskQueries queries, EventQueries events, SalesQueries sales, JsonMapper jsonMapper) {
		this.queries = queries;
		this.events = events;
		this.sales = sales;
		this.jsonMapper = jsonMapper;
	}

	@GetMapping("/buyers")
	void listBuyers(HttpServletResponse response) throws IOException {
		writeArray(response, this.queries::streamBuyers);
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
	void listTickets(HttpServletResponse response) throws IOException {
		writeArray(response, this.queries::streamTickets);
	}

	@GetMapping("/sessions")
	void listSessions(HttpServletResponse response) throws IOException {
		writeArray(response, this.queries::streamSessions);
	}

	@GetMapping("/chart/tickets/{eventId}")
	HourlySales showChart(@PathVariable long eventId) {
		EventRef event = this.events.findByPetziEventId(eventId).orElseThrow(() -> new EventNotFoundException(eventId));

		return this.sales.cumulativeHourlySales(event.id());
	}

	// NOTE: A database error after the first row leaves the client with a cut-off array,
	// because the status and the start of the body have been sent by then.
	private <T> void writeArray(HttpServletResponse response, Consumer<Consumer<T>> query) throws IOException {
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		try (JsonGenerator generator = this.jsonMapper.createGenerator(response.getOutputStream())) {
			generator.writeStartArray();
			query.accept((row) -> this.jsonMapper.writeValue(generator, row));
			generator.writeEndArray();
		}
	}

}

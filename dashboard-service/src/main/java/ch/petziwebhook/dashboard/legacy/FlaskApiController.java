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
import tools.jackson.databind.SequenceWriter;
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

	private static final int RESPONSE_BUFFER_SIZE = 64 * 1024;

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
		writeArray(response, FlaskRecords.Buyer.class, this.queries::streamBuyers);
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
		writeArray(response, FlaskRecords.Ticket.class, this.queries::streamTickets);
	}

	@GetMapping("/sessions")
	void listSessions(HttpServletResponse response) throws IOException {
		writeArray(response, FlaskRecords.Session.class, this.queries::streamSessions);
	}

	@GetMapping("/chart/tickets/{eventId}")
	HourlySales showChart(@PathVariable long eventId) {
		EventRef event = this.events.findByPetziEventId(eventId).orElseThrow(() -> new EventNotFoundException(eventId));

		return this.sales.cumulativeHourlySales(event.id());
	}

	// NOTE: A database error after the first row leaves the client with a cut-off array,
	// because the status and the start of the body have been sent by then.
	// One SequenceWriter for all rows resolves the serializer of the row type once, and
	// the
	// larger response buffer sends fewer, bigger chunks to the socket.
	private <T> void writeArray(HttpServletResponse response, Class<T> type, Consumer<Consumer<T>> query)
			throws IOException {
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setBufferSize(RESPONSE_BUFFER_SIZE);
		try (SequenceWriter writer = this.jsonMapper.writerFor(type).writeValuesAsArray(response.getOutputStream())) {
			query.accept(writer::write);
		}
	}

}

package ch.petziwebhook.dashboard.export;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import ch.petziwebhook.dashboard.event.EventNotFoundException;
import ch.petziwebhook.dashboard.event.EventQueries;
import ch.petziwebhook.dashboard.event.EventRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CSV downloads of an event's tickets: {@code /api/events/{id}/tickets.csv} by the read
 * model's id, and the Flask application's {@code /download_csv?event_id=} by Petzi's
 * event id.
 */
@RestController
class TicketExportController {

	private static final Logger log = LoggerFactory.getLogger(TicketExportController.class);

	private final EventQueries events;

	private final TicketCsvExport export;

	TicketExportController(EventQueries events, TicketCsvExport export) {
		this.events = events;
		this.export = export;
	}

	@GetMapping("/api/events/{id}/tickets.csv")
	void exportTickets(@PathVariable long id, @RequestParam(defaultValue = ",") String delimiter,
			HttpServletResponse response) throws IOException {
		CsvDelimiter parsed = parseDelimiter(delimiter);
		EventRef event = this.events.findById(id).orElseThrow(() -> new EventNotFoundException(id));

		stream(event, parsed, response);
	}

	@GetMapping("/download_csv")
	void downloadCsv(@RequestParam("event_id") long eventId, @RequestParam(defaultValue = ",") String delimiter,
			HttpServletResponse response) throws IOException {
		CsvDelimiter parsed = parseDelimiter(delimiter);
		EventRef event = this.events.findByPetziEventId(eventId).orElseThrow(() -> new EventNotFoundException(eventId));

		stream(event, parsed, response);
	}

	private void stream(EventRef event, CsvDelimiter delimiter, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(CsvFileName.of(event)).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");

		long rows = this.export.write(event.id(), delimiter, response.getOutputStream());
		log.info("Exported {} CSV rows of event {}", rows, event.id());
	}

	private static CsvDelimiter parseDelimiter(String delimiter) {
		try {
			return CsvDelimiter.parse(delimiter);
		}
		catch (IllegalArgumentException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, ex);
		}
	}

}

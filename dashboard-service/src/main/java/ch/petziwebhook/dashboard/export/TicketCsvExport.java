package ch.petziwebhook.dashboard.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static ch.petziwebhook.dashboard.event.SalesQueries.ZONE;

/**
 * Writes the tickets of an event as CSV, one row per ticket and session (one row with
 * empty session columns for a ticket without sessions), with every field of the ticket
 * and its buyer. Rows are read through a database cursor and written as they arrive, so
 * memory use does not grow with the number of tickets.
 */
@Component
public class TicketCsvExport {

	static final List<String> HEADER = List.of("ticket_number", "ticket_type", "ticket_title", "ticket_category",
			"ticket_status", "cancellation_reason", "generated_at", "sold_at", "promoter", "price_amount",
			"price_currency", "buyer_role", "buyer_first_name", "buyer_last_name", "buyer_email", "buyer_postcode",
			"event_name", "event_id", "session_name", "session_date", "session_time", "session_doors", "location_name",
			"location_street", "location_city", "location_postcode");

	// Rows fetched per round trip. PostgreSQL only streams with a fetch size inside a
	// transaction; without one the driver reads the whole result into memory.
	private static final int FETCH_SIZE = 500;

	private static final String SELECT_ROWS = """
			SELECT t.number, t.type, t.title, t.category, t.status, t.cancellation_reason,
			       t.generated_at, t.sold_at, e.promoter, t.price_amount, t.price_currency,
			       t.buyer_role, t.buyer_first_name, t.buyer_last_name, t.buyer_email, t.buyer_postcode,
			       e.name AS event_name, e.petzi_event_id,
			       s.name AS session_name, s.date AS session_date, s.time AS session_time, s.doors AS session_doors,
			       l.name AS location_name, l.street AS location_street, l.city AS location_city,
			       l.postcode AS location_postcode
			FROM read_model.tickets t
			JOIN read_model.events e ON e.id = t.event_id
			LEFT JOIN read_model.ticket_sessions ts ON ts.ticket_number = t.number
			LEFT JOIN read_model.sessions s ON s.id = ts.session_id
			LEFT JOIN read_model.locations l ON l.id = s.location_id
			WHERE t.event_id = :eventId
			ORDER BY t.sold_at, t.number, ts.position
			""";

	private static final int WRITE_BUFFER_SIZE = 16 * 1024;

	private static final int GENERATED_AT_COLUMN = 7;

	private static final int SOLD_AT_COLUMN = 8;

	private final NamedParameterJdbcTemplate jdbcTemplate;

	private final TransactionTemplate readOnlyTransaction;

	TicketCsvExport(DataSource dataSource, PlatformTransactionManager transactionManager) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.jdbcTemplate = new NamedParameterJdbcTemplate(template);
		this.readOnlyTransaction = new TransactionTemplate(transactionManager);
		this.readOnlyTransaction.setReadOnly(true);
	}

	/**
	 * Writes the CSV of an event's tickets, starting with a UTF-8 byte order mark so that
	 * spreadsheet programs detect the encoding.
	 * @param eventId the read model's id of the event
	 * @param delimiter the column delimiter
	 * @param out the stream to write to; it is flushed, not closed
	 * @return the number of rows written, without the header
	 */
	public long write(long eventId, CsvDelimiter delimiter, OutputStream out) {
		// Commons CSV appends a cell in many small writes. Unbuffered, each of them makes
		// the encoder of the OutputStreamWriter allocate a CharBuffer.
		Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), WRITE_BUFFER_SIZE);
		try {
			writer.write('\uFEFF');
			CSVPrinter printer = new CSVPrinter(writer, format(delimiter));
			printer.printRecord(HEADER);
			long rows = writeRows(eventId, printer);
			printer.flush();
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to write the CSV of event " + eventId, ex);
		}
	}

	/**
	 * Returns the CSV format of the exports: Commons CSV's RFC 4180 default with the
	 * given delimiter.
	 */
	static CSVFormat format(CsvDelimiter delimiter) {
		return CSVFormat.DEFAULT.builder().setDelimiter(delimiter.character()).setRecordSeparator("\r\n").get();
	}

	private long writeRows(long eventId, CSVPrinter printer) {
		Long rows = this.readOnlyTransaction.execute((status) -> {
			long[] count = { 0 };
			this.jdbcTemplate.query(SELECT_ROWS, Map.of("eventId", eventId), (ResultSet rs) -> {
				try {
					printRow(rs, printer);
					count[0]++;
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Failed to write the CSV of event " + eventId, ex);
				}
			});
			return count[0];
		});
		return (rows != null) ? rows : 0;
	}

	// Prints the cells one by one, in the order of HEADER and SELECT_ROWS, so that no row
	// builds a list of its cells.
	private static void printRow(ResultSet rs, CSVPrinter printer) throws SQLException, IOException {
		for (int column = 1; column <= HEADER.size(); column++) {
			String cell = (column == GENERATED_AT_COLUMN || column == SOLD_AT_COLUMN)
					? zurichTime(rs.getObject(column, OffsetDateTime.class)) : rs.getString(column);
			printer.print(CsvCells.neutralise(cell));
		}
		printer.println();
	}

	private static String zurichTime(OffsetDateTime time) {
		return (time != null) ? time.atZoneSameInstant(ZONE).toOffsetDateTime().toString() : null;
	}

}

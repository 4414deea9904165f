package ch.petziwebhook.dashboard.legacy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import ch.petziwebhook.dashboard.system.ReadModel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the whole lists that the Flask application's data paths return.
 */
@Repository
class FlaskQueries {

	private final JdbcClient jdbcClient;

	FlaskQueries(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	List<FlaskRecords.Buyer> findBuyers() {
		return ReadModel.queryOrEmpty(() -> this.jdbcClient.sql("""
				SELECT number, buyer_role, buyer_first_name, buyer_last_name, buyer_postcode
				FROM read_model.tickets
				WHERE coalesce(buyer_role, buyer_first_name, buyer_last_name, buyer_postcode) IS NOT NULL
				ORDER BY number
				""")
			.query((rs, rowNum) -> new FlaskRecords.Buyer(rs.getString("number"), rs.getString("buyer_role"),
					rs.getString("buyer_first_name"), rs.getString("buyer_last_name"), rs.getString("buyer_postcode")))
			.list(), List::of);
	}

	List<FlaskRecords.Location> findLocations() {
		return ReadModel.queryOrEmpty(() -> this.jdbcClient
			.sql("SELECT id, name, street, city, postcode FROM read_model.locations ORDER BY id")
			.query((rs, rowNum) -> new FlaskRecords.Location(rs.getLong("id"), rs.getString("name"),
					rs.getString("street"), rs.getString("city"), rs.getString("postcode")))
			.list(), List::of);
	}

	List<FlaskRecords.Event> findEvents() {
		return ReadModel.queryOrEmpty(() -> this.jdbcClient
			.sql("SELECT id, petzi_event_id, name, promoter FROM read_model.events ORDER BY id")
			.query((rs, rowNum) -> new FlaskRecords.Event(rs.getLong("id"), rs.getObject("petzi_event_id", Long.class),
					rs.getString("name"), rs.getString("promoter")))
			.list(), List::of);
	}

	List<FlaskRecords.Ticket> findTickets() {
		return ReadModel.queryOrEmpty(() -> this.jdbcClient.sql("""
				SELECT t.number, t.type, t.title, t.category, e.petzi_event_id, t.status, t.cancellation_reason,
				       t.generated_at, t.sold_at, e.promoter, t.price_amount::text AS price_amount, t.price_currency
				FROM read_model.tickets t
				LEFT JOIN read_model.events e ON e.id = t.event_id
				ORDER BY t.sold_at, t.number
				""")
			.query((rs, rowNum) -> new FlaskRecords.Ticket(rs.getString("number"), rs.getString("type"),
					rs.getString("title"), rs.getString("category"), rs.getObject("petzi_event_id", Long.class),
					rs.getString("status"), rs.getString("cancellation_reason"),
					rs.getObject("generated_at", OffsetDateTime.class), rs.getObject("sold_at", OffsetDateTime.class),
					rs.getString("promoter"), rs.getString("price_amount"), rs.getString("price_currency")))
			.list(), List::of);
	}

	List<FlaskRecords.Session> findSessions() {
		return ReadModel.queryOrEmpty(() -> this.jdbcClient.sql("""
				SELECT s.id, ts.ticket_number, s.name, s.date, s.time, s.doors, s.location_id
				FROM read_model.ticket_sessions ts
				JOIN read_model.sessions s ON s.id = ts.session_id
				ORDER BY ts.ticket_number, ts.position
				""")
			.query((rs, rowNum) -> new FlaskRecords.Session(rs.getLong("id"), rs.getString("ticket_number"),
					rs.getString("name"), rs.getObject("date", LocalDate.class), rs.getObject("time", LocalTime.class),
					rs.getObject("doors", LocalTime.class), rs.getObject("location_id", Long.class)))
			.list(), List::of);
	}

}

package ch.petziwebhook.dashboard.legacy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import ch.petziwebhook.dashboard.system.ReadModel;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the whole lists that the Flask application's data paths return. Buyers, tickets
 * and sessions grow with the tickets, so they are read through a database cursor and
 * handed on row by row instead of being collected in a list.
 */
@Repository
class FlaskQueries {

	// Rows fetched per round trip. PostgreSQL only streams with a fetch size inside a
	// transaction; without one the driver reads the whole result into memory.
	private static final int FETCH_SIZE = 500;

	private final JdbcClient jdbcClient;

	private final JdbcTemplate cursorTemplate;

	private final TransactionTemplate readOnlyTransaction;

	FlaskQueries(JdbcClient jdbcClient, DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbcClient = jdbcClient;
		this.cursorTemplate = new JdbcTemplate(dataSource);
		this.cursorTemplate.setFetchSize(FETCH_SIZE);
		this.readOnlyTransaction = new TransactionTemplate(transactionManager);
		this.readOnlyTransaction.setReadOnly(true);
	}

	void streamBuyers(Consumer<FlaskRecords.Buyer> action) {
		stream("""
				SELECT number, buyer_role, buyer_first_name, buyer_last_name, buyer_postcode
				FROM read_model.tickets
				WHERE coalesce(buyer_role, buyer_first_name, buyer_last_name, buyer_postcode) IS NOT NULL
				ORDER BY number
				""", false,
				(rs) -> action.accept(new FlaskRecords.Buyer(rs.getString("number"), rs.getString("buyer_role"),
						rs.getString("buyer_first_name"), rs.getString("buyer_last_name"),
						rs.getString("buyer_postcode"))));
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

	void streamTickets(Consumer<FlaskRecords.Ticket> action) {
		stream("""
				SELECT t.number, t.type, t.title, t.category, e.petzi_event_id, t.status, t.cancellation_reason,
				       t.generated_at, t.sold_at, e.promoter, t.price_amount::text AS price_amount, t.price_currency
				FROM read_model.tickets t
				LEFT JOIN read_model.events e ON e.id = t.event_id
				ORDER BY t.sold_at, t.number
				""", true, (rs) -> action.accept(new FlaskRecords.Ticket(rs.getString("number"), rs.getString("type"),
				rs.getString("title"), rs.getString("category"), rs.getObject("petzi_event_id", Long.class),
				rs.getString("status"), rs.getString("cancellation_reason"),
				rs.getObject("generated_at", OffsetDateTime.class), rs.getObject("sold_at", OffsetDateTime.class),
				rs.getString("promoter"), rs.getString("price_amount"), rs.getString("price_currency"))));
	}

	void streamSessions(Consumer<FlaskRecords.Session> action) {
		stream("""
				SELECT s.id, ts.ticket_number, s.name, s.date, s.time, s.doors, s.location_id
				FROM read_model.ticket_sessions ts
				JOIN read_model.sessions s ON s.id = ts.session_id
				ORDER BY ts.ticket_number, ts.position
				""", false,
				(rs) -> action.accept(
						new FlaskRecords.Session(rs.getLong("id"), rs.getString("ticket_number"), rs.getString("name"),
								rs.getObject("date", LocalDate.class), rs.getObject("time", LocalTime.class),
								rs.getObject("doors", LocalTime.class), rs.getObject("location_id", Long.class))));
	}

	// Hands on nothing when the read model does not exist yet. With sortWholeTable,
	// PostgreSQL reads the table sequentially and sorts it instead of following an index.
	// Index order visits the table's pages at random, which took three times as long for
	// the whole table of a million tickets (PostgreSQL 15, 4 MB work_mem).
	private void stream(String sql, boolean sortWholeTable, RowCallbackHandler handler) {
		ReadModel.queryOrEmpty(() -> this.readOnlyTransaction.execute((status) -> {
			if (sortWholeTable) {
				this.cursorTemplate.execute("SET LOCAL enable_indexscan = off");
			}
			this.cursorTemplate.query(sql, handler);
			return null;
		}), () -> null);
	}

}

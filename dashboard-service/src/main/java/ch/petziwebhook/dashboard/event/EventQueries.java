package ch.petziwebhook.dashboard.event;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import ch.petziwebhook.dashboard.system.ReadModel;
import ch.petziwebhook.dashboard.system.ResultPage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads events and their ticket counts from the projector's read model. The counts come
 * from the totals tables that triggers on {@code read_model.tickets} keep up to date, so
 * no request aggregates the tickets themselves.
 */
@Repository
public class EventQueries {

	private final JdbcClient jdbcClient;

	EventQueries(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Finds all events ordered by name, each with its count of valid and cancelled
	 * tickets.
	 * @return the events, empty when the read model does not exist yet
	 */
	public List<EventSummary> findAllWithTicketCounts() {
		return ReadModel.queryOrEmpty(this::queryAllWithTicketCounts, List::of);
	}

	/**
	 * Finds an event by the read model's id.
	 * @return the event, or empty when it is unknown or the read model does not exist yet
	 */
	public Optional<EventRef> findById(long id) {
		return findRef("e.id = :id", id);
	}

	/**
	 * Finds an event by Petzi's event id, which the Flask application's paths use.
	 * @return the event, or empty when it is unknown or the read model does not exist yet
	 */
	public Optional<EventRef> findByPetziEventId(long eventId) {
		return findRef("e.petzi_event_id = :id", eventId);
	}

	/**
	 * Finds one page of events ordered by name, each with its sales.
	 */
	public ResultPage<EventRow> findPage(int page, int size) {
		return ReadModel.queryOrEmpty(() -> {
			long total = this.jdbcClient.sql("SELECT count(*) FROM read_model.events").query(Long.class).single();
			// The page of events comes first, so only the totals of its events are read.
			// An event has a totals row per status and currency that counts a ticket, so
			// count(DISTINCT price_currency) counts only currencies of valid tickets.
			List<EventRow> rows = this.jdbcClient.sql("""
					SELECT e.id, e.petzi_event_id, e.name, e.promoter,
					       (SELECT min(s.date) FROM read_model.sessions s WHERE s.event_id = e.id) AS first_date,
					       sales.sold_tickets, sales.cancelled_tickets, sales.revenue, sales.currency
					FROM (SELECT id, petzi_event_id, name, promoter
					      FROM read_model.events
					      ORDER BY name, id
					      LIMIT :limit OFFSET :offset) e
					CROSS JOIN LATERAL (
					    SELECT coalesce(sum(t.tickets) FILTER (WHERE t.status = 'valid'), 0) AS sold_tickets,
					           coalesce(sum(t.tickets) FILTER (WHERE t.status = 'cancelled'), 0) AS cancelled_tickets,
					           coalesce(sum(t.revenue) FILTER (WHERE t.status = 'valid' AND t.priced_tickets > 0), 0)
					               AS revenue,
					           CASE WHEN count(DISTINCT t.price_currency) FILTER (WHERE t.status = 'valid') > 1 THEN '*'
					                ELSE min(t.price_currency) FILTER (WHERE t.status = 'valid') END AS currency
					    FROM read_model.event_ticket_totals t
					    WHERE t.event_id = e.id
					) sales
					ORDER BY e.name, e.id
					""")
				.param("limit", size)
				.param("offset", (long) page * size)
				.query((rs, rowNum) -> new EventRow(rs.getLong("id"), rs.getObject("petzi_event_id", Long.class),
						rs.getString("name"), rs.getString("promoter"), rs.getObject("first_date", LocalDate.class),
						rs.getLong("sold_tickets"), rs.getLong("cancelled_tickets"), rs.getBigDecimal("revenue"),
						rs.getString("currency")))
				.list();
			return ResultPage.of(rows, page, size, total);
		}, () -> ResultPage.empty(page, size));
	}

	/**
	 * Splits the valid tickets of an event by a column: {@code category} or {@code type}.
	 */
	public List<SalesSplit> findSplit(long eventId, SplitBy splitBy) {
		return ReadModel.queryOrEmpty(() -> this.jdbcClient.sql("SELECT " + splitBy.column + """
				 AS label, sum(tickets) AS tickets,
				       coalesce(sum(revenue) FILTER (WHERE priced_tickets > 0), 0) AS revenue
				FROM read_model.event_daily_sales
				WHERE event_id = :eventId
				GROUP BY label
				ORDER BY tickets DESC, label
				""")
			.param("eventId", eventId)
			.query((rs, rowNum) -> new SalesSplit(rs.getString("label"), rs.getLong("tickets"),
					rs.getBigDecimal("revenue")))
			.list(), List::of);
	}

	/**
	 * The ticket columns that {@link #findSplit} groups by. The column names are
	 * constants, never request input.
	 */
	public enum SplitBy {

		CATEGORY("category"), TYPE("type");

		private final String column;

		SplitBy(String column) {
			this.column = column;
		}

	}

	private Optional<EventRef> findRef(String condition, long id) {
		return ReadModel.queryOrEmpty(() -> this.jdbcClient.sql("""
				SELECT e.id, e.petzi_event_id, e.name,
				       (SELECT min(s.date) FROM read_model.sessions s WHERE s.event_id = e.id) AS first_date
				FROM read_model.events e
				""" + "WHERE " + condition + " ORDER BY e.id LIMIT 1")
			.param("id", id)
			.query((rs, rowNum) -> new EventRef(rs.getLong("id"), rs.getObject("petzi_event_id", Long.class),
					rs.getString("name"), rs.getObject("first_date", LocalDate.class)))
			.optional(), Optional::empty);
	}

	private List<EventSummary> queryAllWithTicketCounts() {
		return this.jdbcClient.sql("""
				SELECT e.id, e.petzi_event_id, e.name, e.promoter,
				       coalesce(counts.valid_tickets, 0) AS valid_tickets,
				       coalesce(counts.cancelled_tickets, 0) AS cancelled_tickets
				FROM read_model.events e
				LEFT JOIN (
				    SELECT event_id,
				           sum(tickets) FILTER (WHERE status = 'valid') AS valid_tickets,
				           sum(tickets) FILTER (WHERE status = 'cancelled') AS cancelled_tickets
				    FROM read_model.event_ticket_totals
				    GROUP BY event_id
				) counts ON counts.event_id = e.id
				ORDER BY e.name, e.id
				""")
			.query((rs, rowNum) -> new EventSummary(rs.getLong("id"), rs.getObject("petzi_event_id", Long.class),
					rs.getString("name"), rs.getString("promoter"), rs.getLong("valid_tickets"),
					rs.getLong("cancelled_tickets")))
			.list();
	}

}

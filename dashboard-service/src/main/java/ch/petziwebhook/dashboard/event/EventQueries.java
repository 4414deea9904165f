package ch.petziwebhook.dashboard.event;

import java.util.List;

import ch.petziwebhook.dashboard.system.ReadModel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads events and their ticket counts from the projector's read model.
 */
@Repository
class EventQueries {

	private final JdbcClient jdbcClient;

	EventQueries(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Finds all events ordered by name, each with its count of valid and cancelled
	 * tickets.
	 * @return the events, empty when the read model does not exist yet
	 */
	List<EventSummary> findAllWithTicketCounts() {
		return ReadModel.queryOrEmpty(this::queryAllWithTicketCounts, List::of);
	}

	private List<EventSummary> queryAllWithTicketCounts() {
		return this.jdbcClient.sql("""
				SELECT e.id, e.petzi_event_id, e.name, e.promoter,
				       count(t.number) FILTER (WHERE t.status = 'valid') AS valid_tickets,
				       count(t.number) FILTER (WHERE t.status = 'cancelled') AS cancelled_tickets
				FROM read_model.events e
				LEFT JOIN read_model.tickets t ON t.event_id = e.id
				GROUP BY e.id
				ORDER BY e.name, e.id
				""")
			.query((rs, rowNum) -> new EventSummary(rs.getLong("id"), rs.getObject("petzi_event_id", Long.class),
					rs.getString("name"), rs.getString("promoter"), rs.getLong("valid_tickets"),
					rs.getLong("cancelled_tickets")))
			.list();
	}

}

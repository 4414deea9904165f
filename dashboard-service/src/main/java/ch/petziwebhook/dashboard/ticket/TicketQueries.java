package ch.petziwebhook.dashboard.ticket;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ch.petziwebhook.dashboard.system.ReadModel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads tickets from the projector's read model. A page costs three queries whatever its
 * size: the count, the tickets and the sessions of those tickets. A search costs one
 * more, for the ids of the events whose name matches.
 */
@Repository
class TicketQueries {

	private static final String SELECT_TICKETS = """
			SELECT t.number, t.type, t.title, t.category, t.status, t.cancellation_reason,
			       t.generated_at, t.sold_at, t.price_amount, t.price_currency,
			       t.buyer_role, t.buyer_first_name, t.buyer_last_name, t.buyer_postcode,
			       e.petzi_event_id, e.name AS event_name, e.promoter
			FROM read_model.tickets t
			LEFT JOIN read_model.events e ON e.id = t.event_id
			""";

	// The number and the buyer's name in both orders, joined by line breaks: the
	// expression of the trigram index on read_model.tickets, so that PostgreSQL uses it.
	// The pattern contains no line break (see likePattern). So it matches this text
	// exactly when it matches the number or the name in one of its orders.
	private static final String SEARCH_TEXT = """
			number || E'\\n' ||
			coalesce(buyer_first_name || ' ' || buyer_last_name || E'\\n' || buyer_last_name || ' ' || buyer_first_name,
			         buyer_first_name, buyer_last_name, '')""";

	// A ticket matches when its number, its buyer's name in either order or its event's
	// name contains the pattern. The event ids are a parameter, so that PostgreSQL can
	// estimate each condition and choose the plan. For many matches it walks the index on
	// (sold_at, number) and stops at the page; for few it reads the trigram index. The
	// statistics of the index expression give the estimate.
	static final String MATCHING = """
			WHERE t.event_id = ANY(:eventIds) OR %s ILIKE :pattern
			""".formatted(SEARCH_TEXT);

	/**
	 * The number of matches a search counts past the start of its page. Counting every
	 * match reads every matching row, so the count stops there and the page shows "more
	 * than". At least the largest page size.
	 */
	static final int SEARCH_COUNT_LIMIT = 1000;

	private final JdbcClient jdbcClient;

	TicketQueries(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Finds one page of tickets, newest sale first.
	 * @param page the zero-based page number
	 * @param size the page size, at least 1
	 * @return the page, empty when the read model does not exist yet
	 */
	TicketPage findPage(int page, int size) {
		return findPage(page, size, null);
	}

	/**
	 * Finds one page of the tickets that match a search, newest sale first.
	 * @param page the zero-based page number
	 * @param size the page size, at least 1
	 * @param search text that the ticket number, the buyer's name or the event's name
	 * contains, ignoring case; {@code null} or blank for all tickets
	 * @return the page, empty when the read model does not exist yet
	 */
	TicketPage findPage(int page, int size, String search) {
		return ReadModel.queryOrEmpty(() -> queryPage(page, size, search), () -> TicketPage.empty(page, size));
	}

	/**
	 * Finds a ticket by its number.
	 * @param number Petzi's ticket number
	 * @return the ticket, or empty when it is unknown or the read model does not exist
	 * yet
	 */
	Optional<TicketView> findByNumber(String number) {
		return ReadModel.queryOrEmpty(() -> queryByNumber(number), Optional::empty);
	}

	private TicketPage queryPage(int page, int size, String search) {
		if (search == null || search.isBlank()) {
			return queryAll(page, size);
		}
		return queryMatches(page, size, likePattern(search.strip()));
	}

	private TicketPage queryAll(int page, int size) {
		long total = this.jdbcClient.sql("SELECT count(*) FROM read_model.tickets").query(Long.class).single();
		if ((long) page * size >= total) {
			return TicketPage.of(List.of(), page, size, total);
		}

		List<TicketView> tickets = this.jdbcClient.sql(SELECT_TICKETS + """
				JOIN (%s) page ON page.number = t.number
				ORDER BY t.sold_at DESC, t.number DESC
				""".formatted(pageNumbers(page, size, total)))
			.params(pageParameters(page, size, total))
			.query(this::mapTicket)
			.list();

		return TicketPage.of(withSessions(tickets), page, size, total);
	}

	// Reads the numbers of one page from the index on (sold_at, number) alone, and pages
	// in the second half from the oldest end, so that no page reads more than half of the
	// index. The last page of a million tickets costs as much as the first one.
	private static String pageNumbers(int page, int size, long total) {
		if (isInSecondHalf(page, size, total)) {
			return """
					SELECT number FROM read_model.tickets
					ORDER BY sold_at, number
					LIMIT :limit OFFSET :offset""";
		}
		return """
				SELECT number FROM read_model.tickets
				ORDER BY sold_at DESC, number DESC
				LIMIT :limit OFFSET :offset""";
	}

	private static Map<String, Object> pageParameters(int page, int size, long total) {
		long offset = (long) page * size;
		if (!isInSecondHalf(page, size, total)) {
			return Map.of("limit", size, "offset", offset);
		}
		long end = Math.min(total, offset + size);
		return Map.of("limit", end - offset, "offset", total - end);
	}

	private static boolean isInSecondHalf(int page, int size, long total) {
		long offset = (long) page * size;
		return offset < total && offset > total / 2;
	}

	// NOTE: a deep page still walks every match before it, so its cost grows with the
	// page
	// number; the pager offers pages only up to SEARCH_COUNT_LIMIT matches past the
	// current.
	private TicketPage queryMatches(int page, int size, String pattern) {
		long offset = (long) page * size;
		Long[] eventIds = this.jdbcClient.sql("SELECT id FROM read_model.events WHERE name ILIKE :pattern")
			.param("pattern", pattern)
			.query(Long.class)
			.list()
			.toArray(Long[]::new);

		long countLimit = offset + SEARCH_COUNT_LIMIT;
		long counted = this.jdbcClient
			.sql("SELECT count(*) FROM (SELECT 1 FROM read_model.tickets t " + MATCHING + "LIMIT :countLimit) matches")
			.param("pattern", pattern)
			.param("eventIds", eventIds)
			.param("countLimit", countLimit + 1)
			.query(Long.class)
			.single();

		List<TicketView> tickets = this.jdbcClient.sql(SELECT_TICKETS + MATCHING + """
				ORDER BY t.sold_at DESC, t.number DESC
				LIMIT :limit OFFSET :offset
				""")
			.param("pattern", pattern)
			.param("eventIds", eventIds)
			.param("limit", size)
			.param("offset", offset)
			.query(this::mapTicket)
			.list();

		boolean capped = counted > countLimit;
		return TicketPage.of(withSessions(tickets), page, size, capped ? countLimit : counted, capped);
	}

	// The search text is data, never SQL: it goes in as a parameter, with LIKE's own
	// wildcards escaped so that "50%" finds the text "50%". A line break becomes a space,
	// so that no pattern spans two parts of SEARCH_TEXT.
	private static String likePattern(String search) {
		String escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return "%" + escaped.replace('\n', ' ') + "%";
	}

	private Optional<TicketView> queryByNumber(String number) {
		Optional<TicketView> ticket = this.jdbcClient.sql(SELECT_TICKETS + "WHERE t.number = :number")
			.param("number", number)
			.query(this::mapTicket)
			.optional();

		return ticket.map((found) -> withSessions(List.of(found)).get(0));
	}

	private List<TicketView> withSessions(List<TicketView> tickets) {
		if (tickets.isEmpty()) {
			return tickets;
		}

		Map<String, List<TicketView.Session>> sessionsByTicket = new LinkedHashMap<>();
		this.jdbcClient.sql("""
				SELECT ts.ticket_number, s.name, s.date, s.time, s.doors,
				       l.id AS location_id, l.name AS location_name, l.street, l.city, l.postcode
				FROM read_model.ticket_sessions ts
				JOIN read_model.sessions s ON s.id = ts.session_id
				LEFT JOIN read_model.locations l ON l.id = s.location_id
				WHERE ts.ticket_number IN (:numbers)
				ORDER BY ts.ticket_number, ts.position
				""").param("numbers", tickets.stream().map(TicketView::number).toList()).query((rs) -> {
			sessionsByTicket.computeIfAbsent(rs.getString("ticket_number"), (key) -> new ArrayList<>())
				.add(mapSession(rs));
		});

		return tickets.stream()
			.map((ticket) -> ticket.withSessions(sessionsByTicket.getOrDefault(ticket.number(), List.of())))
			.toList();
	}

	private TicketView mapTicket(ResultSet rs, int rowNum) throws SQLException {
		return new TicketView(rs.getString("number"), rs.getString("type"), rs.getString("title"),
				rs.getString("category"), rs.getObject("petzi_event_id", Long.class), rs.getString("event_name"),
				rs.getString("promoter"), rs.getObject("generated_at", OffsetDateTime.class), rs.getString("status"),
				rs.getString("cancellation_reason"), mapPrice(rs), mapBuyer(rs), List.of(),
				rs.getObject("sold_at", OffsetDateTime.class));
	}

	private static TicketView.Price mapPrice(ResultSet rs) throws SQLException {
		BigDecimal amount = rs.getBigDecimal("price_amount");
		String currency = rs.getString("price_currency");
		if (amount == null && currency == null) {
			return null;
		}
		// numeric(10,2) already has two decimals. setScale keeps "52.50" if the column
		// ever changes.
		String formatted = (amount != null) ? amount.setScale(2).toPlainString() : null;
		return new TicketView.Price(formatted, currency);
	}

	private static TicketView.Buyer mapBuyer(ResultSet rs) throws SQLException {
		String role = rs.getString("buyer_role");
		String firstName = rs.getString("buyer_first_name");
		String lastName = rs.getString("buyer_last_name");
		String postcode = rs.getString("buyer_postcode");
		if (role == null && firstName == null && lastName == null && postcode == null) {
			return null;
		}
		return new TicketView.Buyer(role, firstName, lastName, postcode);
	}

	private static TicketView.Session mapSession(ResultSet rs) throws SQLException {
		TicketView.Location location = null;
		if (rs.getObject("location_id") != null) {
			location = new TicketView.Location(rs.getString("location_name"), rs.getString("street"),
					rs.getString("city"), rs.getString("postcode"));
		}
		return new TicketView.Session(rs.getString("name"), rs.getObject("date", LocalDate.class),
				rs.getObject("time", LocalTime.class), rs.getObject("doors", LocalTime.class), location);
	}

}

package ch.petziwebhook.dashboard.catalog;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import ch.petziwebhook.dashboard.system.ReadModel;
import ch.petziwebhook.dashboard.system.ResultPage;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads pages of buyers, locations and sessions from the projector's read model, each in
 * an order that stays the same between requests.
 */
@Repository
class CatalogQueries {

	// The condition of the partial index tickets_with_buyer_number_idx, written the same
	// way so that PostgreSQL uses it.
	private static final String HAS_BUYER = "coalesce(buyer_role, buyer_first_name, buyer_last_name, buyer_email, buyer_postcode) IS NOT NULL";

	private final JdbcClient jdbcClient;

	CatalogQueries(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	// The read model keeps the buyer on the ticket row, so there is one buyer per ticket.
	ResultPage<BuyerView> findBuyers(int page, int size) {
		return ReadModel.queryOrEmpty(() -> queryBuyers(page, size), () -> ResultPage.empty(page, size));
	}

	ResultPage<LocationView> findLocations(int page, int size) {
		return findPage("FROM read_model.locations", "SELECT id, name, street, city, postcode", "ORDER BY id", page,
				size, (rs, rowNum) -> new LocationView(rs.getLong("id"), rs.getString("name"), rs.getString("street"),
						rs.getString("city"), rs.getString("postcode")));
	}

	ResultPage<SessionView> findSessions(int page, int size) {
		return findPage("FROM read_model.sessions", "SELECT id, event_id, location_id, name, date, time, doors",
				"ORDER BY id", page, size,
				(rs, rowNum) -> new SessionView(rs.getLong("id"), rs.getLong("event_id"),
						rs.getObject("location_id", Long.class), rs.getString("name"),
						rs.getObject("date", LocalDate.class), rs.getObject("time", LocalTime.class),
						rs.getObject("doors", LocalTime.class)));
	}

	private <T> ResultPage<T> findPage(String from, String select, String orderBy, int page, int size,
			RowMapper<T> mapper) {
		return ReadModel.queryOrEmpty(() -> {
			long total = this.jdbcClient.sql("SELECT count(*) " + from).query(Long.class).single();
			List<T> content = this.jdbcClient.sql(select + " " + from + " " + orderBy + " LIMIT :limit OFFSET :offset")
				.param("limit", size)
				.param("offset", (long) page * size)
				.query(mapper)
				.list();
			return ResultPage.of(content, page, size, total);
		}, () -> ResultPage.empty(page, size));
	}

	private ResultPage<BuyerView> queryBuyers(int page, int size) {
		long total = this.jdbcClient.sql("SELECT count(*) FROM read_model.tickets WHERE " + HAS_BUYER)
			.query(Long.class)
			.single();
		long offset = (long) page * size;
		if (offset >= total) {
			return ResultPage.of(List.of(), page, size, total);
		}

		// The numbers come from the partial index on tickets with a buyer alone. Pages in
		// the second half are read from the end, so no page reads more than half of it.
		boolean fromEnd = offset > total / 2;
		long end = Math.min(total, offset + size);
		List<BuyerView> buyers = this.jdbcClient
			.sql("""
					SELECT t.number, t.buyer_role, t.buyer_first_name, t.buyer_last_name, t.buyer_email, t.buyer_postcode
					FROM read_model.tickets t
					JOIN (SELECT number FROM read_model.tickets WHERE %s ORDER BY number %s LIMIT :limit OFFSET :offset) page
					  ON page.number = t.number
					ORDER BY t.number
					"""
				.formatted(HAS_BUYER, fromEnd ? "DESC" : "ASC"))
			.param("limit", fromEnd ? end - offset : size)
			.param("offset", fromEnd ? total - end : offset)
			.query((rs, rowNum) -> new BuyerView(rs.getString("number"), rs.getString("buyer_role"),
					rs.getString("buyer_first_name"), rs.getString("buyer_last_name"), rs.getString("buyer_email"),
					rs.getString("buyer_postcode")))
			.list();
		return ResultPage.of(buyers, page, size, total);
	}

}

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

	private final JdbcClient jdbcClient;

	CatalogQueries(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	// The read model keeps the buyer on the ticket row, so there is one buyer per ticket.
	ResultPage<BuyerView> findBuyers(int page, int size) {
		return findPage("""
				FROM read_model.tickets
				WHERE coalesce(buyer_role, buyer_first_name, buyer_last_name, buyer_email, buyer_postcode) IS NOT NULL
				""", """
				SELECT number, buyer_role, buyer_first_name, buyer_last_name, buyer_email, buyer_postcode
				""", "ORDER BY number", page, size,
				(rs, rowNum) -> new BuyerView(rs.getString("number"), rs.getString("buyer_role"),
						rs.getString("buyer_first_name"), rs.getString("buyer_last_name"), rs.getString("buyer_email"),
						rs.getString("buyer_postcode")));
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

}

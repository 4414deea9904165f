package ch.petziwebhook.projector.totals;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Compares the totals tables of a read model schema with aggregates computed from its
 * tickets, which is what the triggers on the tickets table must keep them equal to.
 */
public final class EventTotals {

	private static final String TICKET_TOTALS = "event_id, status, price_currency, tickets, priced_tickets, revenue";

	private static final String EXPECTED_TICKET_TOTALS = """
			SELECT event_id, status, price_currency, count(*), count(price_amount), coalesce(sum(price_amount), 0)
			FROM %s.tickets
			WHERE event_id IS NOT NULL
			GROUP BY event_id, status, price_currency""";

	private static final String DAILY_SALES = "event_id, day, category, type, tickets, priced_tickets, revenue";

	private static final String EXPECTED_DAILY_SALES = """
			SELECT event_id, (sold_at AT TIME ZONE 'Europe/Zurich')::date, category, type, count(*),
			       count(price_amount), coalesce(sum(price_amount), 0)
			FROM %s.tickets
			WHERE status = 'valid'
			GROUP BY 1, 2, 3, 4""";

	private EventTotals() {
	}

	/**
	 * Counts the rows of {@code event_ticket_totals} that are missing, extra or different
	 * compared with an aggregate of the tickets.
	 */
	public static long ticketTotalsDifferences(JdbcClient jdbcClient, String schema) {
		return differences(jdbcClient, "SELECT " + TICKET_TOTALS + " FROM " + schema + ".event_ticket_totals",
				EXPECTED_TICKET_TOTALS.formatted(schema));
	}

	/**
	 * Counts the rows of {@code event_daily_sales} that are missing, extra or different
	 * compared with an aggregate of the valid tickets.
	 */
	public static long dailySalesDifferences(JdbcClient jdbcClient, String schema) {
		return differences(jdbcClient, "SELECT " + DAILY_SALES + " FROM " + schema + ".event_daily_sales",
				EXPECTED_DAILY_SALES.formatted(schema));
	}

	// EXCEPT ALL also counts a key that has two rows where the aggregate has one.
	private static long differences(JdbcClient jdbcClient, String actual, String expected) {
		return jdbcClient
			.sql("SELECT count(*) FROM ((" + actual + " EXCEPT ALL " + expected + ") UNION ALL (" + expected
					+ " EXCEPT ALL " + actual + ")) d")
			.query(Long.class)
			.single();
	}

}

package ch.petziwebhook.dashboard.event;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.petziwebhook.dashboard.system.ReadModel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts ticket sales over time for charts. Buckets are days or hours of Europe/Zurich,
 * computed by PostgreSQL with {@code AT TIME ZONE}, so a day is 23 or 25 hours long on
 * the days clocks change. Daily counts come from {@code read_model.event_daily_sales},
 * which contains the valid tickets per event and Zurich day of sale, and hourly counts
 * from the tickets.
 */
@Repository
public class SalesQueries {

	/** The zone of the day buckets. */
	public static final ZoneId ZONE = ZoneId.of("Europe/Zurich");

	private static final DateTimeFormatter HOUR_LABEL = DateTimeFormatter.ofPattern("dd.MM HH:00");

	private final JdbcClient jdbcClient;

	SalesQueries(JdbcClient jdbcClient) {
		this.jdbcClient = jdbcClient;
	}

	/**
	 * Counts the valid tickets of an event sold per Zurich day.
	 * @param eventId the read model's id of the event
	 */
	public SalesSeries dailySales(long eventId) {
		Map<LocalDate, Long> counts = ReadModel.queryOrEmpty(() -> queryDailyCounts(eventId), Map::of);
		if (counts.isEmpty()) {
			return new SalesSeries(List.of(), List.of(), List.of());
		}
		LocalDate first = counts.keySet().iterator().next();
		LocalDate last = List.copyOf(counts.keySet()).get(counts.size() - 1);
		return series(counts, first, last);
	}

	/**
	 * Counts the valid tickets of all events sold per Zurich day in a range.
	 * @param first the first day
	 * @param last the last day, included
	 */
	public SalesSeries dailySalesBetween(LocalDate first, LocalDate last) {
		Map<LocalDate, Long> counts = ReadModel.queryOrEmpty(() -> this.jdbcClient.sql("""
				SELECT day, sum(tickets) AS sold
				FROM read_model.event_daily_sales
				WHERE day BETWEEN :first AND :last
				GROUP BY day
				ORDER BY day
				""").param("first", first).param("last", last).query((rs) -> {
			Map<LocalDate, Long> rows = new LinkedHashMap<>();
			while (rs.next()) {
				rows.put(rs.getObject("day", LocalDate.class), rs.getLong("sold"));
			}
			return rows;
		}), Map::of);
		return series(counts, first, last);
	}

	/**
	 * Counts all tickets of an event per Zurich hour, cumulated, in the format of the
	 * Flask application's {@code /chart/tickets/{event_id}}: labels {@code dd.MM HH:00}.
	 * Hours without sales are left out, as the Flask application did.
	 * @param eventId the read model's id of the event
	 * @return the labels and the cumulated counts
	 */
	public HourlySales cumulativeHourlySales(long eventId) {
		List<String> categories = new ArrayList<>();
		List<Long> sales = new ArrayList<>();
		ReadModel.queryOrEmpty(() -> {
			this.jdbcClient.sql("""
					SELECT date_trunc('hour', sold_at AT TIME ZONE 'Europe/Zurich') AS hour, count(*) AS sold
					FROM read_model.tickets
					WHERE event_id = :eventId
					GROUP BY hour
					ORDER BY hour
					""").param("eventId", eventId).query((rs) -> {
				long total = sales.isEmpty() ? 0 : sales.get(sales.size() - 1);
				categories.add(rs.getObject("hour", LocalDateTime.class).format(HOUR_LABEL));
				sales.add(total + rs.getLong("sold"));
			});
			return null;
		}, () -> null);
		return new HourlySales(categories, sales);
	}

	private Map<LocalDate, Long> queryDailyCounts(long eventId) {
		return this.jdbcClient.sql("""
				SELECT day, sum(tickets) AS sold
				FROM read_model.event_daily_sales
				WHERE event_id = :eventId
				GROUP BY day
				ORDER BY day
				""").param("eventId", eventId).query((rs) -> {
			Map<LocalDate, Long> rows = new LinkedHashMap<>();
			while (rs.next()) {
				rows.put(rs.getObject("day", LocalDate.class), rs.getLong("sold"));
			}
			return rows;
		});
	}

	private static SalesSeries series(Map<LocalDate, Long> counts, LocalDate first, LocalDate last) {
		List<String> categories = new ArrayList<>();
		List<Long> sales = new ArrayList<>();
		List<Long> cumulative = new ArrayList<>();
		long total = 0;
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			long sold = counts.getOrDefault(day, 0L);
			total += sold;
			categories.add(day.toString());
			sales.add(sold);
			cumulative.add(total);
		}
		return new SalesSeries(categories, sales, cumulative);
	}

	/**
	 * Cumulated sales per hour, in the Flask application's JSON shape.
	 *
	 * @param categories the hours, {@code dd.MM HH:00} in Europe/Zurich
	 * @param sales the tickets sold up to and including each hour
	 */
	public record HourlySales(List<String> categories, List<Long> sales) {

	}

}

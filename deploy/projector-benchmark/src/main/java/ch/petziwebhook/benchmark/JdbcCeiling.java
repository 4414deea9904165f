package ch.petziwebhook.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Ceiling of the projector's write rate: the rows the projection left in
 * {@code read_model}, written again with plain JDBC upserts into copies of its tables in
 * schema {@code bench_ceiling}, in delivery order, 1,000 deliveries per transaction, the
 * same batch size the projector polls. Per batch it upserts the tickets, replaces their
 * session links and inserts the delivery rows, as the projector does, but parses no JSON
 * and leaves out the events, sessions and locations (a few hundred rows per batch at
 * most). Only the writes are timed, not the reading of the source rows.
 */
final class JdbcCeiling {

	private static final int BATCH = 1000;

	private static final String TICKET_COLUMNS = """
			number, type, title, category, event_id, status, cancellation_reason, generated_at, sold_at, price_amount,
			price_currency, buyer_role, buyer_first_name, buyer_last_name, buyer_email, buyer_postcode,
			last_delivery_id, signature_timestamp, source_partition, source_offset, created_at, updated_at""";

	private static final String DELIVERY_COLUMNS = """
			delivery_id, received_at, event, ticket_number, status, error, signature_timestamp, source_partition,
			source_offset, processed_at""";

	private final BenchmarkSettings settings;

	private final BenchmarkResults results;

	JdbcCeiling(BenchmarkSettings settings, BenchmarkResults results) {
		this.settings = settings;
		this.results = results;
	}

	void run() throws SQLException {
		try (Connection source = connect(false); Connection target = connect(true)) {
			createTables(target);
			source.setAutoCommit(false);
			target.setAutoCommit(false);
			long[] totals = copy(source, target);
			double seconds = totals[1] / 1e9;
			System.out.printf("ceiling: RESULT %,d deliveries written with plain JDBC in %.1f s of write time,"
					+ " %,.0f deliveries/s%n", totals[0], seconds, totals[0] / seconds);
			this.results.add("ceiling", "plain JDBC upserts of " + totals[0] + " deliveries (s of write time)",
					"%.1f".formatted(seconds));
			this.results.add("ceiling", "plain JDBC rate (deliveries/s)", "%.0f".formatted(totals[0] / seconds));
		}
	}

	private void createTables(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS bench_ceiling CASCADE");
			statement.execute("CREATE SCHEMA bench_ceiling");
			for (String table : List.of("tickets", "ticket_sessions", "deliveries")) {
				statement
					.execute("CREATE TABLE bench_ceiling." + table + " (LIKE read_model." + table + " INCLUDING ALL)");
			}
		}
	}

	/**
	 * Returns the number of deliveries copied and the nanoseconds spent writing.
	 */
	private long[] copy(Connection source, Connection target) throws SQLException {
		long count = 0;
		long writeNanos = 0;
		try (PreparedStatement query = source.prepareStatement("""
				SELECT d.*, t.number AS t_number, t.type, t.title, t.category, t.event_id, t.status AS t_status,
					t.cancellation_reason, t.generated_at, t.sold_at, t.price_amount, t.price_currency, t.buyer_role,
					t.buyer_first_name, t.buyer_last_name, t.buyer_email, t.buyer_postcode, t.last_delivery_id,
					t.signature_timestamp AS t_signature_timestamp, t.source_partition AS t_source_partition,
					t.source_offset AS t_source_offset, t.created_at, t.updated_at, ts.session_id
				FROM read_model.deliveries d
				LEFT JOIN read_model.tickets t ON t.number = d.ticket_number
				LEFT JOIN read_model.ticket_sessions ts ON ts.ticket_number = t.number AND ts.position = 1
				ORDER BY d.source_partition, d.source_offset
				""")) {
			query.setFetchSize(BATCH);
			try (ResultSet rows = query.executeQuery()) {
				List<Object[]> deliveries = new ArrayList<>(BATCH);
				Map<String, Object[]> tickets = new LinkedHashMap<>();
				Map<String, Long> links = new LinkedHashMap<>();
				while (rows.next()) {
					deliveries.add(deliveryValues(rows));
					if (rows.getString("t_number") != null) {
						tickets.put(rows.getString("t_number"), ticketValues(rows));
						links.put(rows.getString("t_number"), rows.getLong("session_id"));
					}
					if (deliveries.size() == BATCH) {
						writeNanos += write(target, deliveries, tickets, links);
						count += deliveries.size();
						deliveries.clear();
						tickets.clear();
						links.clear();
					}
				}
				if (!deliveries.isEmpty()) {
					writeNanos += write(target, deliveries, tickets, links);
					count += deliveries.size();
				}
			}
		}
		return new long[] { count, writeNanos };
	}

	private static long write(Connection target, List<Object[]> deliveries, Map<String, Object[]> tickets,
			Map<String, Long> links) throws SQLException {
		long start = System.nanoTime();
		batch(target, "INSERT INTO bench_ceiling.tickets (" + TICKET_COLUMNS + ") VALUES (" + marks(22)
				+ ") ON CONFLICT (number) DO UPDATE SET type = excluded.type, title = excluded.title,"
				+ " category = excluded.category, event_id = excluded.event_id, status = excluded.status,"
				+ " cancellation_reason = excluded.cancellation_reason, generated_at = excluded.generated_at,"
				+ " sold_at = excluded.sold_at, price_amount = excluded.price_amount,"
				+ " price_currency = excluded.price_currency, buyer_role = excluded.buyer_role,"
				+ " buyer_first_name = excluded.buyer_first_name, buyer_last_name = excluded.buyer_last_name,"
				+ " buyer_email = excluded.buyer_email, buyer_postcode = excluded.buyer_postcode,"
				+ " last_delivery_id = excluded.last_delivery_id, signature_timestamp = excluded.signature_timestamp,"
				+ " source_partition = excluded.source_partition, source_offset = excluded.source_offset,"
				+ " updated_at = excluded.updated_at", new ArrayList<>(tickets.values()));
		try (PreparedStatement delete = target
			.prepareStatement("DELETE FROM bench_ceiling.ticket_sessions WHERE ticket_number = ANY(?)")) {
			delete.setArray(1, target.createArrayOf("text", links.keySet().toArray()));
			delete.executeUpdate();
		}
		List<Object[]> linkRows = new ArrayList<>(links.size());
		links.forEach((number, session) -> linkRows.add(new Object[] { number, 1, session }));
		batch(target,
				"INSERT INTO bench_ceiling.ticket_sessions (ticket_number, position, session_id) VALUES (?, ?, ?)",
				linkRows);
		batch(target, "INSERT INTO bench_ceiling.deliveries (" + DELIVERY_COLUMNS + ") VALUES (" + marks(9)
				+ ", now()) ON CONFLICT (delivery_id) DO NOTHING", deliveries);
		target.commit();
		return System.nanoTime() - start;
	}

	private static void batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (Object[] row : rows) {
				for (int i = 0; i < row.length; i++) {
					statement.setObject(i + 1, row[i]);
				}
				statement.addBatch();
			}
			statement.executeBatch();
		}
	}

	private static Object[] deliveryValues(ResultSet rows) throws SQLException {
		return new Object[] { rows.getObject("delivery_id"), rows.getObject("received_at"), rows.getString("event"),
				rows.getString("ticket_number"), rows.getString("status"), rows.getString("error"),
				rows.getObject("signature_timestamp"), rows.getInt("source_partition"), rows.getLong("source_offset") };
	}

	private static Object[] ticketValues(ResultSet rows) throws SQLException {
		return new Object[] { rows.getString("t_number"), rows.getString("type"), rows.getString("title"),
				rows.getString("category"), rows.getObject("event_id"), rows.getString("t_status"),
				rows.getString("cancellation_reason"), rows.getObject("generated_at"), rows.getObject("sold_at"),
				rows.getBigDecimal("price_amount"), rows.getString("price_currency"), rows.getString("buyer_role"),
				rows.getString("buyer_first_name"), rows.getString("buyer_last_name"), rows.getString("buyer_email"),
				rows.getString("buyer_postcode"), rows.getObject("last_delivery_id"),
				rows.getLong("t_signature_timestamp"), rows.getInt("t_source_partition"),
				rows.getLong("t_source_offset"), rows.getObject("created_at"), rows.getObject("updated_at") };
	}

	private static String marks(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	private Connection connect(boolean rewriteBatches) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.settings.user());
		properties.setProperty("password", this.settings.password());
		properties.setProperty("reWriteBatchedInserts", Boolean.toString(rewriteBatches));
		return DriverManager.getConnection(this.settings.jdbcUrl(), properties);
	}

}

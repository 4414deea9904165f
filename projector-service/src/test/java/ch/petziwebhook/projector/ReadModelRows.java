package ch.petziwebhook.projector;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * Test access to the rows of the {@code read_model} schema.
 */
public final class ReadModelRows {

	/** Maximum wait for the projector to record a delivery. */
	public static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Map<String, String> TABLES = tables();

	private final JdbcClient jdbcClient;

	public ReadModelRows(DataSource dataSource) {
		this.jdbcClient = JdbcClient.create(dataSource);
	}

	/**
	 * Waits until the delivery is in the delivery log.
	 * @return its status
	 */
	public String awaitDelivery(UUID deliveryId) {
		return await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> deliveryStatus(deliveryId), Optional::isPresent)
			.orElseThrow();
	}

	public Optional<String> deliveryStatus(UUID deliveryId) {
		return this.jdbcClient.sql("SELECT status FROM read_model.deliveries WHERE delivery_id = :id")
			.param("id", deliveryId)
			.query(String.class)
			.optional();
	}

	public Map<String, Object> delivery(UUID deliveryId) {
		return this.jdbcClient.sql("SELECT * FROM read_model.deliveries WHERE delivery_id = :id")
			.param("id", deliveryId)
			.query()
			.singleRow();
	}

	public long deliveryCount() {
		return this.jdbcClient.sql("SELECT count(*) FROM read_model.deliveries").query(Long.class).single();
	}

	public Optional<Map<String, Object>> ticket(String number) {
		return this.jdbcClient.sql("SELECT * FROM read_model.tickets WHERE number = :number")
			.param("number", number)
			.query()
			.listOfRows()
			.stream()
			.findFirst();
	}

	/**
	 * Returns the ticket's sessions in order, each with its event and location columns.
	 */
	public List<Map<String, Object>> sessionsOf(String number) {
		return this.jdbcClient.sql("""
				SELECT ts.position, s.name, s.date, s.time, s.doors, s.location_id, l.name AS location_name,
					l.street AS location_street, l.city AS location_city, l.postcode AS location_postcode,
					e.event_key, e.name AS event_name
				FROM read_model.ticket_sessions ts
				JOIN read_model.sessions s ON s.id = ts.session_id
				JOIN read_model.events e ON e.id = s.event_id
				LEFT JOIN read_model.locations l ON l.id = s.location_id
				WHERE ts.ticket_number = :number
				ORDER BY ts.position
				""").param("number", number).query().listOfRows();
	}

	public Map<String, Object> eventOf(String number) {
		return this.jdbcClient.sql("""
				SELECT e.* FROM read_model.events e JOIN read_model.tickets t ON t.event_id = e.id
				WHERE t.number = :number
				""").param("number", number).query().singleRow();
	}

	/**
	 * Returns every row of every read model table, ordered by primary key. The delivery
	 * log leaves out {@code processed_at}, the projector's clock.
	 */
	public Map<String, List<Map<String, Object>>> allTables() {
		return allTables("read_model");
	}

	/**
	 * Returns every row of every table of a schema with the read model's tables, as
	 * {@link #allTables()} does.
	 */
	public Map<String, List<Map<String, Object>>> allTables(String schema) {
		Map<String, List<Map<String, Object>>> contents = new LinkedHashMap<>();
		TABLES.forEach((table, query) -> contents.put(table,
				this.jdbcClient.sql(query.replace("read_model.", schema + ".")).query().listOfRows()));
		return contents;
	}

	/**
	 * Runs a statement as the test, for example to take a table away.
	 */
	public void execute(String sql) {
		this.jdbcClient.sql(sql).update();
	}

	private static Map<String, String> tables() {
		Map<String, String> tables = new LinkedHashMap<>();
		tables.put("events", "SELECT * FROM read_model.events ORDER BY id");
		tables.put("locations", "SELECT * FROM read_model.locations ORDER BY id");
		tables.put("sessions", "SELECT * FROM read_model.sessions ORDER BY id");
		tables.put("tickets", "SELECT * FROM read_model.tickets ORDER BY number");
		tables.put("ticket_sessions", "SELECT * FROM read_model.ticket_sessions ORDER BY ticket_number, position");
		tables.put("deliveries", """
				SELECT delivery_id, received_at, event, ticket_number, status, error, signature_timestamp,
					source_partition, source_offset
				FROM read_model.deliveries ORDER BY delivery_id
				""");
		return tables;
	}

}

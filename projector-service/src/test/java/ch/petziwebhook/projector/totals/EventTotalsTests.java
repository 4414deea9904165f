package ch.petziwebhook.projector.totals;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.ReadModelLiquibase;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The totals tables of the read model and the triggers on {@code read_model.tickets} that
 * keep them, on a fresh PostgreSQL database with the projector's changelog. Each test
 * writes tickets with the kind of statement it names and compares the totals with an
 * aggregate of the tickets.
 */
class EventTotalsTests {

	private static final String INSERT_TICKETS = """
			INSERT INTO read_model.tickets (number, type, category, event_id, status, sold_at, price_amount,
				price_currency, last_delivery_id, signature_timestamp, source_partition, source_offset, created_at,
				updated_at)
			SELECT number, type, category, event_id, status, sold_at::timestamptz, price_amount, price_currency,
				gen_random_uuid(), 1, 0, 0, now(), now()
			FROM (VALUES %s) AS v (number, type, category, event_id, status, sold_at, price_amount, price_currency)
			""";

	// The projector's upsert: every column but the number and created_at is replaced.
	private static final String UPSERT = INSERT_TICKETS + """
			ON CONFLICT (number) DO UPDATE
			SET type = excluded.type, category = excluded.category, event_id = excluded.event_id,
				status = excluded.status, sold_at = excluded.sold_at, price_amount = excluded.price_amount,
				price_currency = excluded.price_currency, updated_at = excluded.updated_at
			""";

	// Sold at 00:30 in Zurich on the day winter time ends, and on the day after it.
	private static final String BEFORE_DST_CHANGE = "2026-03-28T23:30:00Z";

	private static final String AFTER_DST_CHANGE = "2026-03-29T22:30:00Z";

	private DriverManagerDataSource dataSource;

	private JdbcClient jdbcClient;

	private long rock;

	private long jazz;

	@BeforeEach
	void createReadModel() throws Exception {
		TestDatabase database = TestDatabase.create();
		this.dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
		this.jdbcClient = JdbcClient.create(this.dataSource);
		liquibase().afterPropertiesSet();
		this.rock = anEvent("rock");
		this.jazz = anEvent("jazz");
	}

	@Test
	void insertAddsTickets() {
		insertMixedTickets();

		assertThat(ticketTotalsDifferences()).isZero();
		assertThat(dailySalesDifferences()).isZero();
		assertThat(validTickets(this.rock)).isEqualTo(2);
	}

	@Test
	void nullKeysShareOneRow() {
		execute(INSERT_TICKETS.formatted(row("A", null, null, this.rock, "valid", BEFORE_DST_CHANGE, null, null)));
		execute(INSERT_TICKETS.formatted(row("B", null, null, this.rock, "valid", BEFORE_DST_CHANGE, null, null)));
		execute(INSERT_TICKETS.formatted(row("C", null, null, null, "valid", BEFORE_DST_CHANGE, null, null)));
		execute(INSERT_TICKETS.formatted(row("D", null, null, null, "valid", BEFORE_DST_CHANGE, null, null)));

		assertThat(count("event_ticket_totals")).isEqualTo(1);
		assertThat(count("event_daily_sales")).isEqualTo(2);
		assertThat(ticketTotalsDifferences()).isZero();
		assertThat(dailySalesDifferences()).isZero();
	}

	@Test
	void upsertFiresInsertAndUpdateTriggers() {
		insertMixedTickets();

		execute(UPSERT.formatted(
				String.join(", ", row("A", "day", "stage", this.rock, "cancelled", BEFORE_DST_CHANGE, "25.00", "CHF"),
						row("E", "day", "stage", this.jazz, "valid", AFTER_DST_CHANGE, "12.50", "EUR"))));

		assertThat(ticketTotalsDifferences()).isZero();
		assertThat(dailySalesDifferences()).isZero();
		assertThat(validTickets(this.rock)).isEqualTo(1);
		assertThat(validTickets(this.jazz)).isEqualTo(2);
	}

	@Test
	void updatesMoveTicketsBetweenTotals() {
		insertMixedTickets();

		execute("UPDATE read_model.tickets SET price_amount = 30.00, price_currency = 'EUR' WHERE number = 'A'");
		execute("UPDATE read_model.tickets SET category = 'balcony', type = 'night' WHERE number = 'B'");
		execute("UPDATE read_model.tickets SET event_id = " + this.jazz + " WHERE number = 'C'");
		execute("UPDATE read_model.tickets SET sold_at = '" + AFTER_DST_CHANGE + "' WHERE number = 'D'");
		execute("UPDATE read_model.tickets SET status = 'valid' WHERE status = 'cancelled'");

		assertThat(ticketTotalsDifferences()).isZero();
		assertThat(dailySalesDifferences()).isZero();
	}

	@Test
	void cancellationEmptiesValidTotals() {
		execute(INSERT_TICKETS
			.formatted(row("A", "day", "stage", this.rock, "valid", BEFORE_DST_CHANGE, "25.00", "CHF")));

		execute("UPDATE read_model.tickets SET status = 'cancelled' WHERE number = 'A'");

		assertThat(validTickets(this.rock)).isZero();
		assertThat(count("event_ticket_totals")).isEqualTo(1);
		assertThat(count("event_daily_sales")).isZero();
	}

	@Test
	void deleteSubtractsTickets() {
		insertMixedTickets();

		execute("DELETE FROM read_model.tickets WHERE number IN ('A', 'D')");

		assertThat(ticketTotalsDifferences()).isZero();
		assertThat(dailySalesDifferences()).isZero();
	}

	@Test
	void copyFiresInsertTrigger() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
					COPY read_model.tickets (number, event_id, status, sold_at, price_amount, price_currency,
						last_delivery_id, signature_timestamp, source_partition, source_offset, created_at, updated_at)
					FROM STDIN (FORMAT csv)""", new StringReader("""
					A,%1$d,valid,%2$s,25.00,CHF,00000000-0000-0000-0000-000000000001,1,0,0,%2$s,%2$s
					B,%1$d,cancelled,%2$s,,,00000000-0000-0000-0000-000000000002,1,0,1,%2$s,%2$s
					""".formatted(this.rock, BEFORE_DST_CHANGE)));
		}

		assertThat(ticketTotalsDifferences()).isZero();
		assertThat(dailySalesDifferences()).isZero();
		assertThat(validTickets(this.rock)).isEqualTo(1);
	}

	@Test
	void truncateEmptiesTotals() {
		insertMixedTickets();

		execute("TRUNCATE read_model.ticket_sessions, read_model.tickets, read_model.sessions, read_model.locations, "
				+ "read_model.events, read_model.deliveries");

		assertThat(count("event_ticket_totals")).isZero();
		assertThat(count("event_daily_sales")).isZero();
	}

	@Test
	void truncateWithTotalsSucceeds() {
		insertMixedTickets();

		execute("TRUNCATE read_model.tickets, read_model.ticket_sessions, read_model.event_ticket_totals, "
				+ "read_model.event_daily_sales");

		assertThat(count("event_ticket_totals")).isZero();
	}

	@Test
	void changesetFillsExistingTickets() throws Exception {
		removeTotalsChangeset();
		insertMixedTickets();

		liquibase().afterPropertiesSet();

		assertThat(ticketTotalsDifferences()).isZero();
		assertThat(dailySalesDifferences()).isZero();
		assertThat(validTickets(this.rock)).isEqualTo(2);
	}

	@Test
	void triggersFollowSchemaRename() {
		execute("ALTER SCHEMA read_model RENAME TO read_model_renamed");

		insertMixedTickets("read_model_renamed");
		execute("UPDATE read_model_renamed.tickets SET status = 'cancelled' WHERE number = 'B'");

		assertThat(EventTotals.ticketTotalsDifferences(this.jdbcClient, "read_model_renamed")).isZero();
		assertThat(EventTotals.dailySalesDifferences(this.jdbcClient, "read_model_renamed")).isZero();
	}

	@Test
	void concurrentUpsertsDoNotDeadlock() throws Exception {
		insertMixedTickets();

		try (Connection first = this.dataSource.getConnection(); Connection second = this.dataSource.getConnection()) {
			first.setAutoCommit(false);
			second.setAutoCommit(false);
			upsert(first, row("H", "day", "stage", this.rock, "valid", BEFORE_DST_CHANGE, "25.00", "CHF"));
			// The second upsert updates a jazz ticket and inserts a rock ticket.
			// PostgreSQL 15
			// fires its update trigger first, which would lock jazz's totals, and then
			// its
			// insert trigger, which would wait for rock's totals that the first
			// transaction
			// keeps locked until it has inserted a jazz ticket too.
			CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
				upsert(second, row("G", "day", "stage", this.rock, "valid", BEFORE_DST_CHANGE, "25.00", "CHF"),
						row("D", "night", "balcony", this.jazz, "valid", BEFORE_DST_CHANGE, "15.00", "EUR"));
				commit(second);
			});
			Thread.sleep(1000);
			upsert(first, row("F", "night", "balcony", this.jazz, "valid", BEFORE_DST_CHANGE, "10.00", "EUR"));
			commit(first);
			waiting.get(30, TimeUnit.SECONDS);
		}

		assertThat(ticketTotalsDifferences()).isZero();
		assertThat(dailySalesDifferences()).isZero();
	}

	private static void upsert(Connection connection, String... rows) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(UPSERT.formatted(String.join(", ", rows)));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed to upsert tickets", ex);
		}
	}

	private static void commit(Connection connection) {
		try {
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed to commit", ex);
		}
	}

	private void insertMixedTickets() {
		insertMixedTickets("read_model");
	}

	// Two currencies, a ticket without a price, a cancelled one, NULL category and type,
	// a ticket without an event, and sale times on both sides of a DST change.
	private void insertMixedTickets(String schema) {
		execute(INSERT_TICKETS.replace("read_model.", schema + ".")
			.formatted(
					String.join(", ", row("A", "day", "stage", this.rock, "valid", BEFORE_DST_CHANGE, "25.00", "CHF"),
							row("B", "day", "stage", this.rock, "valid", AFTER_DST_CHANGE, "25.00", "CHF"),
							row("C", null, null, this.rock, "cancelled", BEFORE_DST_CHANGE, "25.00", "CHF"),
							row("D", "night", "balcony", this.jazz, "valid", BEFORE_DST_CHANGE, null, null),
							row("X", "night", null, null, "valid", AFTER_DST_CHANGE, "9.90", "EUR"))));
	}

	private static String row(String number, String type, String category, Long eventId, String status, String soldAt,
			String price, String currency) {
		return "(%s, %s, %s, %s::bigint, %s, %s, %s::numeric, %s)".formatted(literal(number), literal(type),
				literal(category), eventId, literal(status), literal(soldAt), price, literal(currency));
	}

	private static String literal(String value) {
		return (value != null) ? "'" + value + "'" : "NULL";
	}

	private long anEvent(String name) {
		return this.jdbcClient.sql("INSERT INTO read_model.events (event_key, name) VALUES (:key, :name) RETURNING id")
			.param("key", "name:" + name)
			.param("name", name)
			.query(Long.class)
			.single();
	}

	private void removeTotalsChangeset() {
		execute("DROP TABLE read_model.event_ticket_totals, read_model.event_daily_sales");
		execute("DROP FUNCTION read_model.add_ticket_totals(), read_model.clear_ticket_totals() CASCADE");
		execute("DELETE FROM public.read_model_changelog WHERE id = '013-add-event-totals'");
	}

	private long validTickets(long eventId) {
		return this.jdbcClient.sql("""
				SELECT coalesce(sum(tickets), 0) FROM read_model.event_ticket_totals
				WHERE event_id = :eventId AND status = 'valid'
				""").param("eventId", eventId).query(Long.class).single();
	}

	private long count(String table) {
		return this.jdbcClient.sql("SELECT count(*) FROM read_model." + table).query(Long.class).single();
	}

	private long ticketTotalsDifferences() {
		return EventTotals.ticketTotalsDifferences(this.jdbcClient, "read_model");
	}

	private long dailySalesDifferences() {
		return EventTotals.dailySalesDifferences(this.jdbcClient, "read_model");
	}

	private void execute(String sql) {
		this.jdbcClient.sql(sql).update();
	}

	private SpringLiquibase liquibase() throws IOException {
		return ReadModelLiquibase.on(this.dataSource);
	}

}

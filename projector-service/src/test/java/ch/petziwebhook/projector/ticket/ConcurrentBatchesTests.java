package ch.petziwebhook.projector.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import ch.petziwebhook.model.PetziPayloadReader;
import ch.petziwebhook.model.test.PetziSamples;
import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.ReadModelLiquibase;
import ch.petziwebhook.projector.Samples;
import ch.petziwebhook.projector.system.ReadModelSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two batches in two transactions at once, each on its own connection to PostgreSQL with
 * the read model created by Liquibase, as two listener threads run them.
 */
class ConcurrentBatchesTests {

	private static final PetziPayloadReader READER = new PetziPayloadReader();

	private Connection first;

	private Connection second;

	// Reads pg_stat_activity outside the transactions of the other two connections.
	private Connection observer;

	@BeforeEach
	void createReadModel() throws Exception {
		TestDatabase database = TestDatabase.create();
		this.first = new Connection(database);
		this.second = new Connection(database);
		this.observer = new Connection(database);
		ReadModelLiquibase.on(this.first.dataSource).afterPropertiesSet();
	}

	@AfterEach
	void closeConnections() {
		this.first.dataSource.destroy();
		this.second.dataSource.destroy();
		this.observer.dataSource.destroy();
	}

	/**
	 * Both batches carry the same stored event and sessions, unchanged. The second must
	 * not wait for the first to commit: an upsert would have locked those rows.
	 */
	@Test
	void unchangedEventAndSessionsLockNothing() throws Exception {
		this.first.transaction.executeWithoutResult((status) -> project(this.first, "TESTCONC1").saveTickets());
		CountDownLatch projected = new CountDownLatch(1);
		CountDownLatch secondDone = new CountDownLatch(1);

		CompletableFuture<Void> firstBatch = projectOnFirstUntil(secondDone, "TESTCONC2", projected);
		try {
			assertThat(projected.await(30, TimeUnit.SECONDS)).isTrue();
			this.second.transaction.executeWithoutResult((status) -> {
				this.second.jdbcTemplate.execute("SET LOCAL lock_timeout = '2s'");
				project(this.second, "TESTCONC3").saveTickets();
			});
		}
		finally {
			secondDone.countDown();
		}
		firstBatch.get(30, TimeUnit.SECONDS);

		assertThat(this.first.jdbcTemplate.queryForList("SELECT number FROM read_model.tickets ORDER BY number",
				String.class))
			.containsExactly("TESTCONC1", "TESTCONC2", "TESTCONC3");
		assertThat(this.first.jdbcTemplate
			.queryForObject("SELECT count(DISTINCT ticket_number) FROM " + "read_model.ticket_sessions", Integer.class))
			.isEqualTo(3);
	}

	/**
	 * Both batches carry the same new ticket. The second finds it not stored, waits for
	 * the first to commit, and its insert of the ticket's links fails with a duplicate
	 * key. The listener retries such a batch, and the retry finds the ticket stored.
	 */
	@Test
	void sameNewTicketFailsLaterBatch() throws Exception {
		CountDownLatch projected = new CountDownLatch(1);
		CountDownLatch secondWaiting = new CountDownLatch(1);
		CompletableFuture<Void> firstBatch = projectOnFirstUntil(secondWaiting, "TESTCONC1", projected);
		assertThat(projected.await(30, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<Void> secondBatch = CompletableFuture.runAsync(() -> this.second.transaction
			.executeWithoutResult((status) -> project(this.second, "TESTCONC1").saveTickets()));
		awaitLockWait();
		secondWaiting.countDown();
		firstBatch.get(30, TimeUnit.SECONDS);

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> secondBatch.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(DuplicateKeyException.class);
		List<ProjectionResult> retried = this.second.transaction.execute((status) -> {
			TicketProjection.Projected batch = project(this.second, "TESTCONC1");
			batch.saveTickets();
			return batch.results();
		});
		assertThat(retried).containsExactly(ProjectionResult.UPDATED);
		assertThat(this.first.jdbcTemplate.queryForObject("SELECT count(*) FROM read_model.tickets", Integer.class))
			.isEqualTo(1);
	}

	/**
	 * No foreign key ties a ticket to its event: the projection writes the event first,
	 * in the same transaction.
	 */
	@Test
	void ticketsNameStoredEvents() {
		projectOneTicketOnEachConnection();

		Integer orphans = this.first.jdbcTemplate.queryForObject("""
				SELECT count(*) FROM read_model.tickets t
				WHERE NOT EXISTS (SELECT 1 FROM read_model.events e WHERE e.id = t.event_id)
				""", Integer.class);

		assertThat(this.first.jdbcTemplate.queryForObject("SELECT count(*) FROM read_model.tickets", Integer.class))
			.isEqualTo(2);
		assertThat(orphans).isZero();
	}

	/**
	 * No foreign key ties a session link to its ticket or session: the projection writes
	 * the session, the link and the ticket in the same transaction.
	 */
	@Test
	void linksNameStoredTicketsAndSessions() {
		projectOneTicketOnEachConnection();

		Integer orphans = this.first.jdbcTemplate.queryForObject("""
				SELECT count(*) FROM read_model.ticket_sessions ts
				WHERE NOT EXISTS (SELECT 1 FROM read_model.tickets t WHERE t.number = ts.ticket_number)
					OR NOT EXISTS (SELECT 1 FROM read_model.sessions s WHERE s.id = ts.session_id)
				""", Integer.class);

		assertThat(this.first.jdbcTemplate.queryForList(
				"SELECT DISTINCT ticket_number FROM read_model.ticket_sessions ORDER BY ticket_number", String.class))
			.containsExactly("TESTCONC1", "TESTCONC2");
		assertThat(orphans).isZero();
	}

	/**
	 * Starts a batch on the first connection that projects a ticket, counts down
	 * {@code projected}, and saves the ticket and commits only once {@code release} is
	 * counted down.
	 */
	private CompletableFuture<Void> projectOnFirstUntil(CountDownLatch release, String number,
			CountDownLatch projected) {
		return CompletableFuture.runAsync(() -> this.first.transaction.executeWithoutResult((status) -> {
			TicketProjection.Projected batch = project(this.first, number);
			projected.countDown();
			await(release);
			batch.saveTickets();
		}));
	}

	private void projectOneTicketOnEachConnection() {
		this.first.transaction.executeWithoutResult((status) -> project(this.first, "TESTCONC1").saveTickets());
		this.second.transaction.executeWithoutResult((status) -> project(this.second, "TESTCONC2").saveTickets());
	}

	private static TicketProjection.Projected project(Connection connection, String number) {
		TicketChange change = new TicketChange(READER.read(Samples.withTicketNumber(PetziSamples.FESTIVAL, number)),
				new TicketVersion(UUID.randomUUID(), Instant.parse("2025-01-01T12:00:00Z"), PetziSamples.SIGNED_AT, 0,
						0));
		return connection.projection.project(List.of(change));
	}

	/**
	 * Waits until a session of the test database waits for a lock.
	 */
	private void awaitLockWait() throws InterruptedException {
		for (int i = 0; i < 300; i++) {
			Integer waiting = this.observer.jdbcTemplate.queryForObject(
					"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
					Integer.class);
			if (waiting != null && waiting > 0) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("No session waited for a lock within 30 seconds");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A connection with its own projection, like one listener thread.
	 */
	private static final class Connection {

		private final SingleConnectionDataSource dataSource;

		private final JdbcTemplate jdbcTemplate;

		private final TransactionTemplate transaction;

		private final TicketProjection projection;

		Connection(TestDatabase database) {
			this.dataSource = new SingleConnectionDataSource(database.jdbcUrl(), database.username(),
					database.password(), true);
			this.jdbcTemplate = new JdbcTemplate(this.dataSource);
			this.transaction = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
			this.projection = new TicketProjection(new TicketRepository(JdbcClient.create(this.dataSource),
					this.jdbcTemplate, new ReadModelSchema(ReadModelSchema.LIVE)));
		}

	}

}

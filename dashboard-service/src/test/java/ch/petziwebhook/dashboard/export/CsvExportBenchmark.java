package ch.petziwebhook.dashboard.export;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Prints the time and the peak heap of CSV exports of growing size. Not a test: its name
 * keeps it out of the normal build. Run it with
 * {@code ./mvnw -B -q -pl dashboard-service verify -Dtest=CsvExportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the lines starting with {@code BENCHMARK} in its output.
 */
@SpringBootTest
class CsvExportBenchmark {

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	private static final int[] TICKET_COUNTS = { 10_000, 100_000, 400_000 };

	@Autowired
	private TicketCsvExport export;

	@Autowired
	private JdbcClient jdbcClient;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@Test
	void exportsGrowingEvents() throws Exception {
		long event = seedEvent();
		int seeded = 0;
		for (int count : TICKET_COUNTS) {
			seedTickets(event, seeded, count);
			seeded = count;
			measure(event, count);
		}
	}

	private void measure(long event, int tickets) throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long baseline = memory.getHeapMemoryUsage().getUsed();
		AtomicLong peak = new AtomicLong(baseline);
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		CountingOutputStream out = new CountingOutputStream();

		sampler.start();
		long start = System.nanoTime();
		long rows = this.export.write(event, CsvDelimiter.SEMICOLON, out);
		long millis = (System.nanoTime() - start) / 1_000_000;
		sampler.interrupt();
		sampler.join();

		System.out.printf(
				"BENCHMARK tickets=%d rows=%d bytes=%d time_ms=%d rows_per_s=%d heap_baseline_mb=%d "
						+ "heap_peak_above_baseline_mb=%d max_heap_mb=%d%n",
				tickets, rows, out.count, millis, rows * 1000 / Math.max(1, millis), baseline >> 20,
				(peak.get() - baseline) >> 20, memory.getHeapMemoryUsage().getMax() >> 20);
	}

	private long seedEvent() {
		long event = this.jdbcClient.sql("""
				INSERT INTO read_model.events (event_key, petzi_event_id, name, promoter)
				VALUES ('petzi:1', 1, 'Benchmark Festival', 'P') RETURNING id
				""").query(Long.class).single();
		this.jdbcClient.sql("""
				INSERT INTO read_model.sessions (session_key, event_id, name, date)
				VALUES ('s1', :event, 'Tag 1', DATE '2025-07-18'), ('s2', :event, 'Tag 2', DATE '2025-07-19')
				""").param("event", event).update();
		return event;
	}

	// Two sessions per ticket, so an export has twice as many rows as tickets.
	private void seedTickets(long event, int from, int to) {
		this.jdbcClient.sql("""
				INSERT INTO read_model.tickets (number, type, title, category, event_id, status, cancellation_reason,
				    generated_at, sold_at, price_amount, price_currency, buyer_role, buyer_first_name,
				    buyer_last_name, buyer_email, buyer_postcode, last_delivery_id, signature_timestamp,
				    source_partition, source_offset, created_at, updated_at)
				SELECT 'B-' || n, 'online_presale', 'Festivalpass', 'Normal', :event, 'valid', '',
				       now() - n * interval '1 second', now() - n * interval '1 second', 52.50, 'CHF', 'customer',
				       'Zoë', 'Müller', 'zoe' || n || '@example.com', '3012', gen_random_uuid(), 0, 0, n, now(), now()
				FROM generate_series(:from + 1, :to) AS n
				""").param("event", event).param("from", from).param("to", to).update();
		this.jdbcClient.sql("""
				INSERT INTO read_model.ticket_sessions (ticket_number, position, session_id)
				SELECT 'B-' || n, p, s.id
				FROM generate_series(:from + 1, :to) AS n
				CROSS JOIN (VALUES (0, 's1'), (1, 's2')) AS k (p, key)
				JOIN read_model.sessions s ON s.session_key = k.key
				""").param("from", from).param("to", to).update();
	}

	/**
	 * Counts the bytes written and drops them.
	 */
	static class CountingOutputStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.count += length;
		}

	}

}

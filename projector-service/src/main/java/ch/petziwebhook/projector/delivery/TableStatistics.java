package ch.petziwebhook.projector.delivery;

import ch.petziwebhook.projector.system.ReadModelSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refreshes PostgreSQL's statistics of the growing read model tables while this process
 * writes its first deliveries. Autovacuum starts at most one run per database each
 * {@code autovacuum_naptime} (one minute by default). Until its first run the tables have
 * no statistics, and a replay into an empty read model ran at 40 % of its later rate. The
 * tables are analyzed after 10,000 deliveries, then each time the count has grown
 * fourfold, up to 2,560,000; after that autovacuum keeps the statistics current.
 */
@Component
class TableStatistics {

	private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);

	private static final long FIRST_ANALYZE = 10_000;

	private static final long LAST_ANALYZE = 2_560_000;

	private static final int GROWTH = 4;

	private final JdbcTemplate jdbcTemplate;

	private final String analyze;

	private long written;

	private long nextAnalyze = FIRST_ANALYZE;

	TableStatistics(JdbcTemplate jdbcTemplate, ReadModelSchema schema) {
		this.jdbcTemplate = jdbcTemplate;
		this.analyze = schema
			.sql("ANALYZE read_model.tickets, read_model.ticket_sessions, read_model.deliveries, read_model.events, "
					+ "read_model.sessions, read_model.locations");
	}

	/**
	 * Counts deliveries whose transaction committed, and analyzes the tables when the
	 * count reaches the next threshold. Called after the transaction committed. A failure
	 * is logged and changes nothing else: statistics only speed up the statements.
	 * @param deliveries how many deliveries the transaction recorded
	 */
	void recordWritten(int deliveries) {
		long count = crossedThreshold(deliveries);
		if (count < 0) {
			return;
		}
		try {
			long start = System.nanoTime();
			this.jdbcTemplate.execute(this.analyze);
			log.info("Analyzed the read model tables after {} deliveries in {} ms", count,
					(System.nanoTime() - start) / 1_000_000);
		}
		catch (DataAccessException ex) {
			log.warn("Failed to analyze the read model tables: {}", ex.getMessage());
		}
	}

	/**
	 * Adds to the count, and moves the threshold on when the count reached it, so that
	 * one listener thread analyzes while the others go on writing.
	 * @return the count when it reached the threshold, else -1
	 */
	private synchronized long crossedThreshold(int deliveries) {
		this.written += deliveries;
		if (this.written < this.nextAnalyze || this.nextAnalyze > LAST_ANALYZE) {
			return -1;
		}
		while (this.nextAnalyze <= this.written) {
			this.nextAnalyze *= GROWTH;
		}
		return this.written;
	}

}

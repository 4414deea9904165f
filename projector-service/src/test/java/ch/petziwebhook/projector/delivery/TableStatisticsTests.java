package ch.petziwebhook.projector.delivery;

import java.time.Duration;
import java.time.Instant;

import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.ReadModelLiquibase;
import ch.petziwebhook.projector.system.ReadModelSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the projector refreshes the statistics of the read model tables, on PostgreSQL
 * with the read model created by Liquibase.
 */
class TableStatisticsTests {

	private SingleConnectionDataSource dataSource;

	private JdbcTemplate jdbcTemplate;

	private TableStatistics statistics;

	@BeforeEach
	void createReadModel() throws Exception {
		TestDatabase database = TestDatabase.create();
		this.dataSource = new SingleConnectionDataSource(database.jdbcUrl(), database.username(), database.password(),
				true);
		this.jdbcTemplate = new JdbcTemplate(this.dataSource);
		ReadModelLiquibase.on(this.dataSource).afterPropertiesSet();
		this.statistics = new TableStatistics(this.jdbcTemplate, new ReadModelSchema(ReadModelSchema.LIVE));
	}

	@AfterEach
	void closeConnection() {
		this.dataSource.destroy();
	}

	@Test
	void firstDeliveriesLeaveStatisticsAlone() {
		this.statistics.recordWritten(9_999);

		assertThat(analyzeCount()).isZero();
	}

	@Test
	void tenThousandDeliveriesAnalyzeTables() {
		this.statistics.recordWritten(5_000);
		this.statistics.recordWritten(5_000);

		assertThat(awaitAnalyzeCount(1)).isEqualTo(1);
	}

	@Test
	void nextAnalyzeWaitsForFourfoldGrowth() {
		this.statistics.recordWritten(10_000);
		this.statistics.recordWritten(29_999);
		this.statistics.recordWritten(1);

		assertThat(awaitAnalyzeCount(2)).isEqualTo(2);
	}

	private long analyzeCount() {
		return this.jdbcTemplate.queryForObject(
				"SELECT analyze_count FROM pg_stat_user_tables WHERE schemaname = 'read_model' AND relname = 'tickets'",
				Long.class);
	}

	// PostgreSQL publishes the statistics of a table a moment after the ANALYZE.
	private long awaitAnalyzeCount(long expected) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		long count = analyzeCount();
		while (count < expected && Instant.now().isBefore(deadline)) {
			this.jdbcTemplate.execute("SELECT pg_stat_clear_snapshot()");
			count = analyzeCount();
		}
		return count;
	}

}

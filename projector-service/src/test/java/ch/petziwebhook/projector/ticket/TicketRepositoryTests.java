package ch.petziwebhook.projector.ticket;

import java.io.IOException;
import java.util.List;

import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.ReadModelLiquibase;
import ch.petziwebhook.projector.system.ReadModelSchema;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket lookup's planner setting, on one connection to PostgreSQL with the read
 * model created by Liquibase.
 */
class TicketRepositoryTests {

	private SingleConnectionDataSource dataSource;

	private JdbcTemplate jdbcTemplate;

	private TransactionTemplate transactionTemplate;

	private TicketRepository repository;

	@BeforeEach
	void createReadModel() throws Exception {
		TestDatabase database = TestDatabase.create();
		this.dataSource = new SingleConnectionDataSource(database.jdbcUrl(), database.username(), database.password(),
				true);
		this.jdbcTemplate = new JdbcTemplate(this.dataSource);
		this.transactionTemplate = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		this.repository = new TicketRepository(JdbcClient.create(this.dataSource), this.jdbcTemplate,
				new ReadModelSchema(ReadModelSchema.LIVE));
		liquibase().afterPropertiesSet();
	}

	@AfterEach
	void closeConnection() {
		this.dataSource.destroy();
	}

	@Test
	void lookupTurnsOffBitmapScans() {
		String setting = this.transactionTemplate.execute((transaction) -> {
			this.repository.findAllForUpdate(List.of("TEST0001"));
			return bitmapScanSetting();
		});

		assertThat(setting).isEqualTo("off");
	}

	@Test
	void bitmapScansReturnAfterTransaction() {
		this.transactionTemplate
			.executeWithoutResult((transaction) -> this.repository.findAllForUpdate(List.of("TEST0001")));

		assertThat(bitmapScanSetting()).isEqualTo("on");
	}

	private String bitmapScanSetting() {
		return this.jdbcTemplate.queryForObject("SHOW enable_bitmapscan", String.class);
	}

	private SpringLiquibase liquibase() throws IOException {
		return ReadModelLiquibase.on(this.dataSource);
	}

}

package ch.petziwebhook.projector;

import java.io.IOException;
import java.util.List;

import ch.petziwebhook.model.test.TestDatabase;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The read model's Liquibase changelog on a fresh PostgreSQL database, with the change
 * log table names of {@code application.properties}.
 */
class ReadModelChangelogTests {

	private DriverManagerDataSource dataSource;

	private JdbcClient jdbcClient;

	@BeforeEach
	void createDatabase() {
		TestDatabase database = TestDatabase.create();
		this.dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
		this.jdbcClient = JdbcClient.create(this.dataSource);
	}

	@Test
	void changelogAppliesTwice() {
		assertThatNoException().isThrownBy(() -> {
			liquibase().afterPropertiesSet();
			liquibase().afterPropertiesSet();
		});
	}

	@Test
	void changelogCreatesEveryTable() throws Exception {
		liquibase().afterPropertiesSet();

		List<String> tables = this.jdbcClient
			.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'read_model' ORDER BY 1")
			.query(String.class)
			.list();

		assertThat(tables).containsExactly("deliveries", "event_daily_sales", "event_ticket_totals", "events",
				"locations", "sessions", "ticket_sessions", "tickets");
	}

	@Test
	void secondRunAppliesNothing() throws Exception {
		liquibase().afterPropertiesSet();
		long applied = changesetCount();

		liquibase().afterPropertiesSet();

		assertThat(changesetCount()).isEqualTo(applied);
	}

	@Test
	void changelogTablesLiveInPublic() throws Exception {
		liquibase().afterPropertiesSet();

		List<String> tables = this.jdbcClient.sql("""
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = 'public' AND table_name LIKE 'read_model_changelog%'
				ORDER BY 1
				""").query(String.class).list();

		assertThat(tables).containsExactly("read_model_changelog", "read_model_changelog_lock");
	}

	@Test
	void ticketsKeepOneIndexOnEvent() throws Exception {
		liquibase().afterPropertiesSet();

		List<String> indexes = this.jdbcClient.sql("""
				SELECT indexname FROM pg_indexes
				WHERE schemaname = 'read_model' AND tablename = 'tickets' AND indexdef LIKE '%(event_id%'
				""").query(String.class).list();

		assertThat(indexes).containsExactly("tickets_event_id_status_idx");
	}

	private long changesetCount() {
		return this.jdbcClient.sql("SELECT count(*) FROM public.read_model_changelog").query(Long.class).single();
	}

	private SpringLiquibase liquibase() throws IOException {
		return ReadModelLiquibase.on(this.dataSource);
	}

}

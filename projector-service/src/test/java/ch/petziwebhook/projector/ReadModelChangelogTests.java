package ch.petziwebhook.projector;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import ch.petziwebhook.model.test.TestDatabase;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
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

	@Test
	void ticketEventIndexCarriesOnlySaleTime() throws Exception {
		liquibase().afterPropertiesSet();

		String definition = this.jdbcClient
			.sql("SELECT indexdef FROM pg_indexes WHERE schemaname = 'read_model' AND indexname = :name")
			.param("name", "tickets_event_id_status_idx")
			.query(String.class)
			.single();

		assertThat(definition).endsWith("(event_id, status) INCLUDE (sold_at)");
	}

	@Test
	void hourlySalesReadOnlyTicketEventIndex() throws Exception {
		liquibase().afterPropertiesSet();

		List<String> plan = new JdbcTemplate(this.dataSource).execute((Connection connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET enable_seqscan = off");
				statement.execute("SET enable_bitmapscan = off");
				List<String> lines = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery("""
						EXPLAIN SELECT date_trunc('hour', sold_at), count(*) FROM read_model.tickets
						WHERE event_id = 1 GROUP BY 1
						""")) {
					while (rows.next()) {
						lines.add(rows.getString(1));
					}
				}
				return lines;
			}
		});

		assertThat(String.join("\n", plan)).contains("Index Only Scan using tickets_event_id_status_idx");
	}

	private long changesetCount() {
		return this.jdbcClient.sql("SELECT count(*) FROM public.read_model_changelog").query(Long.class).single();
	}

	private SpringLiquibase liquibase() throws IOException {
		return ReadModelLiquibase.on(this.dataSource);
	}

}

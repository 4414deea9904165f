package ch.petziwebhook.projector.rebuild;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import ch.petziwebhook.model.test.TestDatabase;
import ch.petziwebhook.projector.ReadModelLiquibase;
import ch.petziwebhook.projector.system.ReadModelSchema;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The shadow schema's structure and the swap, against PostgreSQL with the read model
 * created by Liquibase as the service does at start-up.
 */
class ShadowSchemaTests {

	private DriverManagerDataSource dataSource;

	private JdbcTemplate jdbcTemplate;

	@BeforeEach
	void createReadModel() throws Exception {
		TestDatabase database = TestDatabase.create();
		this.dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
		this.jdbcTemplate = new JdbcTemplate(this.dataSource);
		liquibase().afterPropertiesSet();
	}

	@Test
	void shadowHasLiveColumns() {
		ShadowSchema.create(this.jdbcTemplate);

		assertThat(columns(ShadowSchema.SHADOW)).isEqualTo(columns(ReadModelSchema.LIVE));
	}

	@Test
	void shadowHasLiveConstraints() {
		ShadowSchema.create(this.jdbcTemplate);

		assertThat(constraints(ShadowSchema.SHADOW)).isEqualTo(constraints(ReadModelSchema.LIVE));
	}

	@Test
	void shadowHasLiveIndexes() {
		ShadowSchema.create(this.jdbcTemplate);

		assertThat(indexes(ShadowSchema.SHADOW)).isEqualTo(indexes(ReadModelSchema.LIVE));
	}

	@Test
	void droppingKeepsUniqueIndexes() {
		ShadowSchema.create(this.jdbcTemplate);

		ShadowSchema.dropSecondaryIndexes(this.jdbcTemplate);

		assertThat(indexes(ShadowSchema.SHADOW)).allSatisfy((index) -> assertThat(index.get("definition")).asString()
			.containsAnyOf("CREATE UNIQUE INDEX", "deliveries_ticket_number_idx"));
	}

	@Test
	void droppingDropsNonUniqueIndexes() {
		ShadowSchema.create(this.jdbcTemplate);

		List<String> dropped = ShadowSchema.dropSecondaryIndexes(this.jdbcTemplate);

		assertThat(dropped).anyMatch((definition) -> definition.contains("tickets_search_trgm_idx"));
	}

	@Test
	void createIndexesRestoresLiveIndexes() {
		ShadowSchema.create(this.jdbcTemplate);
		List<String> dropped = ShadowSchema.dropSecondaryIndexes(this.jdbcTemplate);

		ShadowSchema.createIndexes(this.jdbcTemplate, dropped, 1);

		assertThat(indexes(ShadowSchema.SHADOW)).isEqualTo(indexes(ReadModelSchema.LIVE));
	}

	@Test
	void createReplacesFilledShadow() {
		ShadowSchema.create(this.jdbcTemplate);
		this.jdbcTemplate.execute("INSERT INTO read_model_shadow.events (id, event_key) VALUES (1, 'petzi:1')");

		ShadowSchema.create(this.jdbcTemplate);

		assertThat(count(ShadowSchema.SHADOW + ".events")).isZero();
	}

	@Test
	void swapKeepsLiveAsPrevious() {
		this.jdbcTemplate.execute("INSERT INTO read_model.events (id, event_key) VALUES (1, 'petzi:1')");
		ShadowSchema.create(this.jdbcTemplate);

		ShadowSchema.swap(this.jdbcTemplate);

		assertThat(count(ShadowSchema.PREVIOUS + ".events")).isOne();
		assertThat(count(ReadModelSchema.LIVE + ".events")).isZero();
	}

	@Test
	void liquibaseAcceptsSwappedSchema() throws Exception {
		long applied = changesetCount();
		ShadowSchema.create(this.jdbcTemplate);
		ShadowSchema.swap(this.jdbcTemplate);

		assertThatNoException().isThrownBy(() -> liquibase().afterPropertiesSet());
		assertThat(changesetCount()).isEqualTo(applied);
	}

	@Test
	void compareListsDifferentRows() {
		this.jdbcTemplate
			.execute("INSERT INTO read_model.events (id, event_key) VALUES (1, 'petzi:1'), (2, 'petzi:2')");
		ShadowSchema.create(this.jdbcTemplate);
		this.jdbcTemplate
			.execute("INSERT INTO read_model_shadow.events (id, event_key) VALUES (1, 'petzi:1'), (3, 'petzi:3')");

		TableComparison events = ShadowSchema.compare(this.jdbcTemplate).get(0);

		assertThat(events.agrees()).isFalse();
		assertThat(events.differences()).containsExactly("2 (only live)", "3 (only shadow)");
	}

	@Test
	void compareIgnoresProcessingTime() {
		String insert = """
				INSERT INTO %s.deliveries (delivery_id, received_at, status, source_partition, source_offset,
					processed_at)
				VALUES ('5c3fcc60-0000-4000-8000-000000000001', '2025-01-01T12:00:00Z', 'projected', 0, 0, %s)
				""";
		this.jdbcTemplate.execute(insert.formatted(ReadModelSchema.LIVE, "now()"));
		ShadowSchema.create(this.jdbcTemplate);
		this.jdbcTemplate.execute(insert.formatted(ShadowSchema.SHADOW, "now() + interval '1 hour'"));

		List<TableComparison> comparisons = ShadowSchema.compare(this.jdbcTemplate);

		assertThat(comparisons).allMatch(TableComparison::agrees);
	}

	private List<Map<String, Object>> columns(String schema) {
		return JdbcClient.create(this.dataSource).sql("""
				SELECT table_name, column_name, ordinal_position, data_type, is_nullable,
					replace(column_default, table_schema || '.', '') AS column_default
				FROM information_schema.columns WHERE table_schema = :schema
				ORDER BY table_name, ordinal_position
				""").param("schema", schema).query().listOfRows();
	}

	private List<Map<String, Object>> constraints(String schema) {
		return JdbcClient.create(this.dataSource).sql("""
				SELECT c.relname, k.conname, replace(pg_get_constraintdef(k.oid), :schema || '.', '') AS definition
				FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
				WHERE k.connamespace = CAST(:schema AS regnamespace)
				ORDER BY c.relname, k.conname
				""").param("schema", schema).query().listOfRows();
	}

	private List<Map<String, Object>> indexes(String schema) {
		return JdbcClient.create(this.dataSource).sql("""
				SELECT tablename, indexname, replace(indexdef, :schema || '.', '') AS definition
				FROM pg_indexes WHERE schemaname = :schema
				ORDER BY tablename, indexname
				""").param("schema", schema).query().listOfRows();
	}

	private long count(String table) {
		return this.jdbcTemplate.queryForObject("SELECT count(*) FROM " + table, Long.class);
	}

	private long changesetCount() {
		return this.jdbcTemplate.queryForObject("SELECT count(*) FROM public.read_model_changelog", Long.class);
	}

	private SpringLiquibase liquibase() throws IOException {
		return ReadModelLiquibase.on(this.dataSource);
	}

}

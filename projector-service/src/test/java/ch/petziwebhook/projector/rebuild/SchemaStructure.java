package ch.petziwebhook.projector.rebuild;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Catalog queries that describe the indexes, constraints and triggers of a schema, with
 * the schema's name left out of their definitions, so that two schemas or two databases
 * can be compared.
 */
final class SchemaStructure {

	private SchemaStructure() {
	}

	static List<Map<String, Object>> indexes(DataSource dataSource, String schema) {
		return JdbcClient.create(dataSource).sql("""
				SELECT tablename, indexname, replace(indexdef, :schema || '.', '') AS definition
				FROM pg_indexes WHERE schemaname = :schema
				ORDER BY tablename, indexname
				""").param("schema", schema).query().listOfRows();
	}

	static List<Map<String, Object>> constraints(DataSource dataSource, String schema) {
		return JdbcClient.create(dataSource).sql("""
				SELECT c.relname, k.conname, replace(pg_get_constraintdef(k.oid), :schema || '.', '') AS definition
				FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
				WHERE k.connamespace = CAST(:schema AS regnamespace)
				ORDER BY c.relname, k.conname
				""").param("schema", schema).query().listOfRows();
	}

	/**
	 * Lists the triggers created by the changelog. The internal triggers of foreign keys
	 * are left out because their names contain object ids, and {@link #constraints}
	 * covers their foreign keys.
	 */
	static List<Map<String, Object>> triggers(DataSource dataSource, String schema) {
		return JdbcClient.create(dataSource).sql("""
				SELECT c.relname, t.tgname, t.tgenabled,
					replace(pg_get_triggerdef(t.oid), :schema || '.', '') AS definition
				FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
				WHERE c.relnamespace = CAST(:schema AS regnamespace) AND NOT t.tgisinternal
				ORDER BY c.relname, t.tgname
				""").param("schema", schema).query().listOfRows();
	}

}

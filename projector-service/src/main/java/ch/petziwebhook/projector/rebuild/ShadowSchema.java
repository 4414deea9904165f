package ch.petziwebhook.projector.rebuild;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ch.petziwebhook.projector.system.ReadModelSchema;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of the {@code rebuild} command on the live schema
 * {@value ReadModelSchema#LIVE}, its shadow {@value #SHADOW} and the previous live schema
 * {@value #PREVIOUS}.
 */
final class ShadowSchema {

	/** The schema the rebuild projects into. */
	static final String SHADOW = "read_model_shadow";

	/** The live schema before the last swap, kept until the next swap. */
	static final String PREVIOUS = "read_model_previous";

	/**
	 * The read model tables in foreign key order, with their primary key columns or, for
	 * the totals, their unique key columns.
	 */
	static final Map<String, List<String>> TABLES = tables();

	/**
	 * Columns that a replay does not reproduce, left out of the comparison:
	 * {@code deliveries.processed_at} is the database clock at the time of recording.
	 */
	static final Map<String, Set<String>> EXCLUDED_COLUMNS = Map.of("deliveries", Set.of("processed_at"));

	/** Changesets of the read model, which Liquibase applies in file name order. */
	private static final String CHANGELOG_FILES = "classpath*:db/changelog/read-model/*.sql";

	private static final Pattern LIVE_NAME = Pattern.compile("\\b" + ReadModelSchema.LIVE + "\\b");

	private static final int LISTED_DIFFERENCES = 5;

	/**
	 * Secondary indexes kept during the replay because the projection's own queries read
	 * them. The deliveries of a ticket are looked up by ticket number when a delivery
	 * comes again.
	 */
	private static final Set<String> INDEXES_READ_BY_PROJECTION = Set.of("deliveries_ticket_number_idx");

	/** Memory for sorting each index built after the replay. */
	private static final String INDEX_BUILD_MEMORY = "256MB";

	private ShadowSchema() {
	}

	/**
	 * Drops the shadow schema if it exists and creates it empty by running the read
	 * model's changesets with the shadow schema's name in place of the live one's, so
	 * that both have the same tables, keys, constraints and indexes.
	 * <p>
	 * NOTE: only the formatted SQL changesets of {@code db/changelog/read-model/} are
	 * run; a changeset in another format would have to be added here too.
	 */
	static void create(JdbcTemplate jdbc) {
		jdbc.execute("DROP SCHEMA IF EXISTS " + SHADOW + " CASCADE");
		for (Resource changelog : changelogFiles()) {
			jdbc.execute(LIVE_NAME.matcher(read(changelog)).replaceAll(SHADOW));
		}
	}

	/**
	 * Drops the shadow schema's indexes that neither enforce a constraint nor serve the
	 * projection's queries, so that the replay writes only the tables, their keys and
	 * unique indexes. Building such an index once from the full table is much cheaper
	 * than updating it row by row.
	 * @return the definitions of the dropped indexes, for {@link #createIndexes}
	 */
	static List<String> dropSecondaryIndexes(JdbcTemplate jdbc) {
		List<Map<String, Object>> indexes = jdbc.queryForList("""
				SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
				FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
				WHERE c.relnamespace = CAST(? AS regnamespace) AND NOT i.indisunique
					AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
				ORDER BY c.relname
				""", SHADOW);
		List<String> definitions = new ArrayList<>();
		for (Map<String, Object> index : indexes) {
			String name = (String) index.get("name");
			if (!INDEXES_READ_BY_PROJECTION.contains(name)) {
				jdbc.execute("DROP INDEX " + SHADOW + "." + name);
				definitions.add((String) index.get("definition"));
			}
		}
		return definitions;
	}

	/**
	 * Creates the indexes that {@link #dropSecondaryIndexes} dropped, each in a session
	 * with {@value #INDEX_BUILD_MEMORY} of {@code maintenance_work_mem}, so that most
	 * sorts fit in memory.
	 * @param jdbc a template over a pool with at least {@code threads} connections
	 * @param definitions the {@code CREATE INDEX} statements
	 * @param threads how many indexes are built at once, each in a session of its own
	 */
	static void createIndexes(JdbcTemplate jdbc, List<String> definitions, int threads) {
		ExecutorService builders = Executors.newFixedThreadPool(Math.max(1, threads));
		try {
			List<Future<?>> builds = new ArrayList<>();
			for (String definition : definitions) {
				builds.add(builders.submit(() -> createIndex(jdbc, definition)));
			}
			for (Future<?> build : builds) {
				await(build);
			}
		}
		finally {
			builders.shutdownNow();
		}
	}

	private static void createIndex(JdbcTemplate jdbc, String definition) {
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET maintenance_work_mem = '" + INDEX_BUILD_MEMORY + "'");
				try {
					statement.execute(definition);
				}
				finally {
					statement.execute("RESET maintenance_work_mem");
				}
			}
			return null;
		});
	}

	private static <T> T await(Future<T> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the database", ex);
		}
	}

	/**
	 * Locks every live table against reads and writes until the caller's transaction
	 * ends. A projector transaction in progress finishes first, and the next ones wait
	 * and then resolve the table names again, so after a swap they write to the new live
	 * schema.
	 */
	static void lockLive(JdbcTemplate transaction) {
		transaction.execute("SET LOCAL lock_timeout = '60s'");
		// LOCK takes the locks in the order listed. A projector transaction reads the
		// delivery log before any other table, so locking that first cannot deadlock
		// with one: it either finishes before, or waits without holding a lock.
		String tables = Stream
			.concat(Stream.of("deliveries"), TABLES.keySet().stream().filter((table) -> !table.equals("deliveries")))
			.map((table) -> ReadModelSchema.LIVE + "." + table)
			.collect(Collectors.joining(", "));
		transaction.execute("LOCK TABLE " + tables + " IN ACCESS EXCLUSIVE MODE");
	}

	/**
	 * Finds the highest raw topic offset recorded in a schema's delivery log, per
	 * partition. A projector commits the records of a partition in order, so it processed
	 * every record up to that offset.
	 */
	static Map<Integer, Long> recordedOffsets(JdbcTemplate jdbc, String schema) {
		Map<Integer, Long> offsets = new HashMap<>();
		jdbc.query(
				"SELECT source_partition, max(source_offset) FROM " + schema + ".deliveries GROUP BY source_partition",
				(row) -> {
					offsets.put(row.getInt(1), row.getLong(2));
				});
		return offsets;
	}

	/**
	 * Compares every table of the shadow schema with the live one: row count and an md5
	 * checksum of the rows in primary key order, both computed by PostgreSQL, and the
	 * first primary keys whose rows differ.
	 */
	static List<TableComparison> compare(JdbcTemplate jdbc) {
		return compare(jdbc, null);
	}

	/**
	 * Compares the schemas as {@link #compare(JdbcTemplate)} does, while a second session
	 * computes the shadow tables' summaries. No other session writes them by then.
	 * @param transaction the session that locked the live tables
	 * @param shadowReader a template over another session, or {@code null} to sum up the
	 * shadow tables in {@code transaction} too
	 */
	static List<TableComparison> compare(JdbcTemplate transaction, JdbcTemplate shadowReader) {
		ExecutorService reader = (shadowReader != null) ? Executors.newSingleThreadExecutor() : null;
		try {
			Map<String, Future<Summary>> shadow = new LinkedHashMap<>();
			Map<String, String> rowHashes = new LinkedHashMap<>();
			for (String table : TABLES.keySet()) {
				String rowHash = rowHash(transaction, table);
				rowHashes.put(table, rowHash);
				if (reader != null) {
					shadow.put(table, reader.submit(() -> summary(shadowReader, table, rowHash, SHADOW)));
				}
			}
			List<TableComparison> comparisons = new ArrayList<>();
			rowHashes.forEach((table, rowHash) -> {
				Summary live = summary(transaction, table, rowHash, ReadModelSchema.LIVE);
				Summary shadowSummary = (reader != null) ? await(shadow.get(table))
						: summary(transaction, table, rowHash, SHADOW);
				List<String> differences = live.equals(shadowSummary) ? List.of()
						: differences(transaction, table, TABLES.get(table), rowHash);
				comparisons.add(new TableComparison(table, live.rows(), shadowSummary.rows(), live.checksum(),
						shadowSummary.checksum(), differences));
			});
			return comparisons;
		}
		finally {
			if (reader != null) {
				reader.shutdownNow();
			}
		}
	}

	/**
	 * Makes the shadow schema the live one and keeps the live one as {@value #PREVIOUS},
	 * replacing the previous one. Runs in the caller's transaction, so other sessions see
	 * either the old or the new live schema.
	 */
	static void swap(JdbcTemplate transaction) {
		transaction.execute("DROP SCHEMA IF EXISTS " + PREVIOUS + " CASCADE");
		transaction.execute("ALTER SCHEMA " + ReadModelSchema.LIVE + " RENAME TO " + PREVIOUS);
		transaction.execute("ALTER SCHEMA " + SHADOW + " RENAME TO " + ReadModelSchema.LIVE);
	}

	private static Summary summary(JdbcTemplate jdbc, String table, String rowHash, String schema) {
		String orderedKey = String.join(", ", TABLES.get(table));
		return jdbc
			.queryForObject(
					"SELECT count(*), coalesce(md5(string_agg(" + rowHash + ", '' ORDER BY " + orderedKey
							+ ")), '') FROM " + schema + "." + table,
					(row, number) -> new Summary(row.getLong(1), row.getString(2)));
	}

	/**
	 * Lists the first primary keys, in order, whose row is missing from one schema or
	 * differs.
	 */
	private static List<String> differences(JdbcTemplate jdbc, String table, List<String> key, String rowHash) {
		String keyText = "concat_ws(' / ', " + String.join(", ", key) + ")";
		String rows = "SELECT " + keyText + " AS row_key, " + rowHash + " AS row_hash FROM %s." + table;
		return jdbc.query("""
				SELECT coalesce(l.row_key, s.row_key) AS row_key,
					CASE WHEN s.row_key IS NULL THEN 'only live' WHEN l.row_key IS NULL THEN 'only shadow'
						ELSE 'differs' END AS difference
				FROM (%s) l FULL JOIN (%s) s ON s.row_key = l.row_key
				WHERE l.row_hash IS DISTINCT FROM s.row_hash
				ORDER BY 1
				LIMIT %d
				""".formatted(rows.formatted(ReadModelSchema.LIVE), rows.formatted(SHADOW), LISTED_DIFFERENCES),
				(row, number) -> row.getString("row_key") + " (" + row.getString("difference") + ")");
	}

	/**
	 * Returns an SQL expression of the md5 of a row's compared columns, in the live
	 * table's column order.
	 */
	private static String rowHash(JdbcTemplate jdbc, String table) {
		Set<String> excluded = EXCLUDED_COLUMNS.getOrDefault(table, Set.of());
		List<String> columns = jdbc.queryForList("""
				SELECT column_name FROM information_schema.columns
				WHERE table_schema = ? AND table_name = ?
				ORDER BY ordinal_position
				""", String.class, ReadModelSchema.LIVE, table)
			.stream()
			.filter((column) -> !excluded.contains(column))
			.map((column) -> "\"" + column + "\"")
			.toList();
		return "md5(ROW(" + String.join(", ", columns) + ")::text)";
	}

	private static List<Resource> changelogFiles() {
		try {
			Resource[] files = new PathMatchingResourcePatternResolver().getResources(CHANGELOG_FILES);
			return Arrays.stream(files).sorted(Comparator.comparing(Resource::getFilename)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to list the read model changelog " + CHANGELOG_FILES, ex);
		}
	}

	private static String read(Resource resource) {
		try {
			return resource.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read the changeset " + resource.getDescription(), ex);
		}
	}

	private static Map<String, List<String>> tables() {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		tables.put("events", List.of("id"));
		tables.put("locations", List.of("id"));
		tables.put("sessions", List.of("id"));
		tables.put("tickets", List.of("number"));
		tables.put("ticket_sessions", List.of("ticket_number", "position"));
		tables.put("deliveries", List.of("delivery_id"));
		// The totals have no primary key because their key columns may be NULL. These
		// columns are unique together, and ORDER BY sorts NULLs last in both schemas.
		tables.put("event_ticket_totals", List.of("event_id", "status", "price_currency"));
		tables.put("event_daily_sales", List.of("event_id", "day", "category", "type"));
		return Collections.unmodifiableMap(tables);
	}

	private record Summary(long rows, String checksum) {

	}

}

package ch.petziwebhook.benchmark.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Creates the projector's read model with the projector's own Liquibase changelog and
 * fills it with synthetic tickets in a few set-based statements. A finished load is
 * recorded in {@code public.dashboard_benchmark_load}, so a later run against the same
 * database reuses it.
 */
final class ReadModelLoader {

	private static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

	private static final List<String> VACUUMED_TABLES = List.of("events", "locations", "sessions", "tickets",
			"ticket_sessions", "deliveries");

	private final BenchmarkSettings settings;

	ReadModelLoader(BenchmarkSettings settings) {
		this.settings = settings;
	}

	/**
	 * Applies the projector's changelog, then loads the tickets unless the database
	 * contains a finished load of the same size.
	 * @param connection a connection to the benchmark's database
	 * @return whether this call loaded the tickets
	 */
	boolean prepare(Connection connection) throws SQLException, LiquibaseException {
		applyChangelog(connection);
		connection.setAutoCommit(true);
		execute(connection, """
				CREATE TABLE IF NOT EXISTS public.dashboard_benchmark_load (
				    tickets integer NOT NULL,
				    events integer NOT NULL,
				    big_event_tickets integer NOT NULL,
				    loaded_at timestamptz NOT NULL
				)""");
		if (!this.settings.reload() && holdsLoad(connection)) {
			// New changesets may have added indexes on expressions, which have no
			// statistics until the next ANALYZE.
			execute(connection, "ANALYZE read_model.tickets");
			return false;
		}
		requireBenchmarkDatabase(connection);
		load(connection);
		return true;
	}

	// The deprecated entry point is shorter than the CommandScope that replaces it.
	@SuppressWarnings("deprecation") // Still supported by Liquibase 4.33.
	private static void applyChangelog(Connection connection) throws LiquibaseException {
		Database database = DatabaseFactory.getInstance()
			.findCorrectDatabaseImplementation(new JdbcConnection(connection));
		// The projector's table names, so that the projector treats these changesets as
		// already applied.
		database.setDatabaseChangeLogTableName("read_model_changelog");
		database.setDatabaseChangeLogLockTableName("read_model_changelog_lock");
		Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
		liquibase.update(new Contexts(), new LabelExpression());
	}

	private boolean holdsLoad(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("""
				SELECT count(*) FROM public.dashboard_benchmark_load
				WHERE tickets = ? AND events = ? AND big_event_tickets = ?""")) {
			statement.setInt(1, this.settings.tickets());
			statement.setInt(2, this.settings.events());
			statement.setInt(3, this.settings.bigEventTickets());
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1) > 0;
			}
		}
	}

	// Tickets without a record of a benchmark load may be real ones: never empty those.
	private static void requireBenchmarkDatabase(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("""
				SELECT (SELECT count(*) FROM public.dashboard_benchmark_load),
				       EXISTS (SELECT 1 FROM read_model.tickets)""")) {
			rs.next();
			if (rs.getLong(1) == 0 && rs.getBoolean(2)) {
				throw new IllegalStateException(
						"Refused to empty the read model because it contains tickets that no benchmark loaded; "
								+ "point --jdbc-url at an empty database made for the benchmark");
			}
		}
	}

	private void load(Connection connection) throws SQLException {
		connection.setAutoCommit(false);
		execute(connection, "SET LOCAL synchronous_commit = off");
		execute(connection, "DELETE FROM public.dashboard_benchmark_load");
		execute(connection, """
				TRUNCATE read_model.ticket_sessions, read_model.tickets, read_model.sessions,
				         read_model.locations, read_model.events, read_model.deliveries RESTART IDENTITY""");
		// A fixed seed gives the same spread of sale times and cancellations in every
		// load.
		execute(connection, "SELECT setseed(0.42)");
		timed("locations", () -> execute(connection, SyntheticReadModel.LOCATIONS));
		timed("events", () -> execute(connection,
				SyntheticReadModel.EVENTS.replace(":events", Integer.toString(this.settings.events()))));
		timed("sessions", () -> execute(connection, SyntheticReadModel.SESSIONS));
		timed("tickets",
				() -> execute(connection,
						SyntheticReadModel.TICKETS.replace(":tickets", Integer.toString(this.settings.tickets()))
							.replace(":bigEventTickets", Integer.toString(this.settings.bigEventTickets()))
							.replace(":otherEvents", Integer.toString(this.settings.events() - 1))));
		timed("ticket sessions", () -> execute(connection, SyntheticReadModel.TICKET_SESSIONS));
		timed("deliveries", () -> execute(connection, SyntheticReadModel.DELIVERIES));
		try (PreparedStatement statement = connection
			.prepareStatement("INSERT INTO public.dashboard_benchmark_load VALUES (?, ?, ?, now())")) {
			statement.setInt(1, this.settings.tickets());
			statement.setInt(2, this.settings.events());
			statement.setInt(3, this.settings.bigEventTickets());
			statement.executeUpdate();
		}
		connection.commit();
		connection.setAutoCommit(true);
		// Autovacuum would do this soon after real traffic too; without it index-only
		// scans
		// still visit the heap and the planner has no statistics.
		for (String table : VACUUMED_TABLES) {
			timed("vacuum " + table, () -> execute(connection, "VACUUM ANALYZE read_model." + table));
		}
	}

	private static void timed(String step, SqlStep work) throws SQLException {
		long start = System.nanoTime();
		work.run();
		System.out.printf("Loaded %s in %.1f s%n", step, (System.nanoTime() - start) / 1e9);
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@FunctionalInterface
	private interface SqlStep {

		void run() throws SQLException;

	}

}

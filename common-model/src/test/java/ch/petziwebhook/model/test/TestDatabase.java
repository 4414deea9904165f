package ch.petziwebhook.model.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A fresh, empty PostgreSQL database for one test class. The server is the one named by
 * the environment variable {@value #URL_VARIABLE} when it is set (its user needs
 * {@code CREATEDB}), otherwise an embedded PostgreSQL started once per JVM from the
 * binaries on Maven Central. Every database it creates is dropped when the JVM exits, so
 * repeated test runs do not fill a shared server.
 *
 * @param jdbcUrl the JDBC URL of the new database, without credentials
 * @param username the user
 * @param password the password, empty when the server trusts the user
 */
public record TestDatabase(String jdbcUrl, String username, String password) {

	/**
	 * Environment variable naming an existing server, for example
	 * {@code jdbc:postgresql://127.0.0.1:5432/petzi_test?user=petzi&password=petzi}.
	 */
	public static final String URL_VARIABLE = "PETZI_TEST_DATABASE_URL";

	private static final Pattern JDBC_URL = Pattern
		.compile("jdbc:postgresql://(?<server>[^/?]+)/(?<database>[^?]*)(\\?(?<query>.*))?");

	private static EmbeddedPostgres embedded;

	/** Server URL with credentials by database name, for databases not dropped yet. */
	private static final Map<String, String> databasesToDrop = new ConcurrentHashMap<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropRemaining));
	}

	/**
	 * Creates a database with a random name on the test server.
	 * @return the new database
	 */
	public static TestDatabase create() {
		String name = "petzi_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		String serverUrl = System.getenv(URL_VARIABLE);
		if (serverUrl != null && !serverUrl.isBlank()) {
			return createOnServer(serverUrl, name);
		}
		return createEmbedded(name);
	}

	private static TestDatabase createOnServer(String serverUrl, String name) {
		Matcher matcher = JDBC_URL.matcher(serverUrl);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(URL_VARIABLE
					+ " must look like jdbc:postgresql://host:port/database?user=...&password=..., got a value that does not");
		}
		String query = (matcher.group("query") != null) ? matcher.group("query") : "";
		String username = queryParameter(query, "user");
		String password = queryParameter(query, "password");
		execute(serverUrl, "CREATE DATABASE " + name);
		databasesToDrop.put(name, serverUrl);
		return new TestDatabase("jdbc:postgresql://" + matcher.group("server") + "/" + name, username, password);
	}

	private static synchronized TestDatabase createEmbedded(String name) {
		try {
			if (embedded == null) {
				embedded = EmbeddedPostgres.builder().start();
				EmbeddedPostgres started = embedded;
				Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to start embedded PostgreSQL", ex);
		}
		String serverUrl = embedded.getJdbcUrl("postgres", "postgres");
		execute(serverUrl, "CREATE DATABASE " + name);
		databasesToDrop.put(name, serverUrl);
		return new TestDatabase("jdbc:postgresql://localhost:" + embedded.getPort() + "/" + name, "postgres", "");
	}

	private static String queryParameter(String query, String key) {
		for (String pair : query.split("&")) {
			String[] parts = pair.split("=", 2);
			if (parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals(key)) {
				return parts[1];
			}
		}
		return "";
	}

	private static void execute(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Failed to run '" + sql + "' on the test database server", ex);
		}
	}

	private static void dropRemaining() {
		for (String name : databasesToDrop.keySet()) {
			try {
				drop(name);
			}
			catch (IllegalStateException ex) {
				// The JVM is exiting: a database left behind only costs disk space.
			}
		}
	}

	private static void drop(String name) {
		String serverUrl = databasesToDrop.remove(name);
		if (serverUrl != null) {
			// FORCE (PostgreSQL 13 and newer) ends the connections that pools still hold.
			execute(serverUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			// The JVM is exiting and the data directory is temporary, so nothing is lost.
		}
	}

	/**
	 * Drops this database now rather than when the JVM exits.
	 */
	public void drop() {
		drop(this.jdbcUrl.substring(this.jdbcUrl.lastIndexOf('/') + 1));
	}

	/**
	 * Opens a connection to this database.
	 * @return a new connection that the caller closes
	 * @throws SQLException if the server refuses it
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, this.username, this.password);
	}

}

package ch.petziwebhook.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link LocalPostgres} with a real embedded server on a random port and a
 * temporary data directory.
 */
class LocalPostgresTests {

	@TempDir
	Path dataDirectory;

	@Test
	void createsServicesRoleAndDatabase() throws Exception {
		try (LocalPostgres postgres = LocalPostgres.start(this.dataDirectory, unusedPort());
				Connection connection = connect(postgres)) {
			assertThat(queryString(connection, "SELECT current_user")).isEqualTo(LocalPostgres.USERNAME);
			assertThat(queryString(connection, "SELECT current_database()")).isEqualTo(LocalPostgres.DATABASE);
		}
	}

	@Test
	void jdbcUrlUsesLoopbackAddress() throws Exception {
		int port = unusedPort();

		try (LocalPostgres postgres = LocalPostgres.start(this.dataDirectory, port)) {
			assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/petzi");
		}
	}

	@Test
	void keepsDataAcrossRestarts() throws Exception {
		int port = unusedPort();
		try (LocalPostgres postgres = LocalPostgres.start(this.dataDirectory, port);
				Connection connection = connect(postgres);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE kept (value text)");
			statement.execute("INSERT INTO kept VALUES ('before restart')");
		}

		try (LocalPostgres postgres = LocalPostgres.start(this.dataDirectory, port);
				Connection connection = connect(postgres)) {
			assertThat(queryString(connection, "SELECT value FROM kept")).isEqualTo("before restart");
		}
	}

	@Test
	void waitsForWalOnCommit() throws Exception {
		try (LocalPostgres postgres = LocalPostgres.start(this.dataDirectory, unusedPort());
				Connection connection = connect(postgres)) {
			assertThat(queryString(connection, "SHOW synchronous_commit")).isEqualTo("on");
		}
	}

	private static Connection connect(LocalPostgres postgres) throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USERNAME, LocalPostgres.PASSWORD);
	}

	private static String queryString(Connection connection, String query) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
			result.next();
			return result.getString(1);
		}
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

package ch.petziwebhook.model.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TestDatabaseTests {

	@Test
	void createsSeparateEmptyDatabases() throws SQLException {
		TestDatabase first = TestDatabase.create();
		TestDatabase second = TestDatabase.create();

		try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE marker (id int)");
		}

		assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
		assertThat(tableCount(second)).isZero();
		assertThat(tableCount(first)).isOne();
	}

	@Test
	void dropRemovesTheDatabase() {
		TestDatabase database = TestDatabase.create();

		database.drop();

		assertThatExceptionOfType(SQLException.class).isThrownBy(database::connect)
			.withMessageContaining("does not exist");
	}

	private static int tableCount(TestDatabase database) throws SQLException {
		try (Connection connection = database.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
			result.next();
			return result.getInt(1);
		}
	}

}

package ch.petziwebhook.dashboard.system;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Unit tests of {@link ReadModel}.
 */
class ReadModelTests {

	@Test
	void missingTableReturnsEmpty() {
		String result = ReadModel.queryOrEmpty(() -> {
			throw badSql("42P01");
		}, () -> "empty");

		assertThat(result).isEqualTo("empty");
	}

	@Test
	void missingSchemaReturnsEmpty() {
		String result = ReadModel.queryOrEmpty(() -> {
			throw badSql("3F000");
		}, () -> "empty");

		assertThat(result).isEqualTo("empty");
	}

	@Test
	void otherSqlErrorIsRethrown() {
		assertThatExceptionOfType(BadSqlGrammarException.class).isThrownBy(() -> ReadModel.queryOrEmpty(() -> {
			throw badSql("42703");
		}, () -> "empty"));
	}

	@Test
	void connectionFailureIsRethrown() {
		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> ReadModel.queryOrEmpty(() -> {
				throw new DataAccessResourceFailureException("down", new SQLException("refused", "08001"));
			}, () -> "empty"));
	}

	@Test
	void successfulQueryIsReturned() {
		String result = ReadModel.queryOrEmpty(() -> "rows", () -> "empty");

		assertThat(result).isEqualTo("rows");
	}

	private static BadSqlGrammarException badSql(String sqlState) {
		return new BadSqlGrammarException("query", "SELECT 1", new SQLException("failed", sqlState));
	}

}

package ch.petziwebhook.projector.ticket;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows for one multi-row statement that receives each column as one {@code text[]}
 * parameter, for example {@code INSERT ... SELECT ... FROM unnest(?::text[], ?::text[])}.
 * A statement of any number of rows then binds as many parameters as it has columns,
 * which costs far less than binding every value of every row. The SQL casts each column
 * back to its type. Values are written in the text form PostgreSQL reads: times as
 * ISO-8601 instants in UTC, numbers without exponent.
 */
public final class ColumnBatch {

	private final List<String[]> rows = new ArrayList<>();

	private final int columns;

	public ColumnBatch(int columns) {
		this.columns = columns;
	}

	/**
	 * Adds a row.
	 * @throws IllegalArgumentException if the row does not have one value per column
	 */
	public void add(Object... values) {
		if (values.length != this.columns) {
			throw new IllegalArgumentException("Expected " + this.columns + " values, got " + values.length);
		}
		String[] row = new String[values.length];
		for (int i = 0; i < values.length; i++) {
			row[i] = text(values[i]);
		}
		this.rows.add(row);
	}

	public boolean isEmpty() {
		return this.rows.isEmpty();
	}

	/**
	 * Runs a statement with one {@code text[]} parameter per column, unless there is no
	 * row.
	 * @return the number of rows the statement changed
	 */
	public int update(JdbcTemplate jdbcTemplate, String sql) {
		return update(jdbcTemplate, sql, new String[0][]);
	}

	/**
	 * Runs a statement with one {@code text[]} parameter per column followed by the given
	 * {@code text[]} parameters, unless there is no row.
	 * @return the number of rows the statement changed
	 */
	public int update(JdbcTemplate jdbcTemplate, String sql, String[]... parameters) {
		if (this.rows.isEmpty()) {
			return 0;
		}
		Integer changed = jdbcTemplate.execute(sql, (PreparedStatement statement) -> {
			for (int column = 0; column < this.columns; column++) {
				String[] values = new String[this.rows.size()];
				for (int row = 0; row < values.length; row++) {
					values[row] = this.rows.get(row)[column];
				}
				statement.setArray(column + 1, statement.getConnection().createArrayOf("text", values));
			}
			for (int i = 0; i < parameters.length; i++) {
				statement.setArray(this.columns + i + 1,
						statement.getConnection().createArrayOf("text", parameters[i]));
			}
			return statement.executeUpdate();
		});
		return (changed != null) ? changed : 0;
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof OffsetDateTime time) {
			return time.toInstant().toString();
		}
		if (value instanceof Instant instant) {
			return instant.toString();
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		return value.toString();
	}

}

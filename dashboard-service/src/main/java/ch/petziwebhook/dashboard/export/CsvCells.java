package ch.petziwebhook.dashboard.export;

/**
 * Protection of CSV cells against formula injection: a spreadsheet program runs a cell
 * that starts with {@code =}, {@code +}, {@code -} or {@code @} as a formula, and a
 * leading tab or carriage return can hide such a start. Such cells get a leading
 * apostrophe, which spreadsheets show as text.
 */
final class CsvCells {

	private CsvCells() {
	}

	/**
	 * Returns the cell as it is safe to write, {@code null} for {@code null}.
	 */
	static String neutralise(String cell) {
		if (cell == null || cell.isEmpty()) {
			return cell;
		}
		char first = cell.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
			return "'" + cell;
		}
		return cell;
	}

}

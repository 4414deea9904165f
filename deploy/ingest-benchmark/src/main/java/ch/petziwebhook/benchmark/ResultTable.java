package ch.petziwebhook.benchmark;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Printer of results as aligned text while the benchmark runs, and as a Markdown table
 * for {@code --markdown}.
 */
final class ResultTable {

	private static final String ROW_FORMAT = "%-28s %11s %9s %9s %8s %11s %8s %8s %8s  %s%n";

	private final PrintStream out;

	ResultTable(PrintStream out) {
		this.out = out;
	}

	void printHeader() {
		this.out.printf(ROW_FORMAT, (Object[]) LevelResult.COLUMNS);
	}

	LevelResult print(LevelResult result) {
		this.out.printf(ROW_FORMAT, (Object[]) result.cells());
		this.out.flush();
		return result;
	}

	/**
	 * Formats the results as a Markdown table: a header row, the separator row and one
	 * row per result.
	 */
	static String markdown(List<LevelResult> results) {
		StringBuilder table = new StringBuilder();
		row(table, LevelResult.COLUMNS);
		String[] separator = new String[LevelResult.COLUMNS.length];
		Arrays.fill(separator, "---");
		row(table, separator);
		for (LevelResult result : results) {
			row(table, result.cells());
		}
		return table.toString();
	}

	private static void row(StringBuilder table, String[] cells) {
		table.append('|');
		for (String cell : cells) {
			table.append(' ').append(cell.replace("|", "\\|")).append(" |");
		}
		table.append('\n');
	}

}

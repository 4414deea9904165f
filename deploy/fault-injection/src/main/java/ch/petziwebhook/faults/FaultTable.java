package ch.petziwebhook.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * Markdown table of a reconciliation: one row per fault window and a total row.
 */
final class FaultTable {

	private static final List<String> HEADER = List.of("fault window", "sent", "200", "non-200", "in topic",
			"projected", "missing", "same id twice", "doubled", "wrong state", "ticket topic differs");

	private FaultTable() {
	}

	/**
	 * Formats the rows as a Markdown table with aligned columns.
	 * @param windows the rows, the total last
	 * @return the table, one line per row, ending with a line break
	 */
	static String format(List<WindowCounts> windows) {
		List<List<String>> cells = new ArrayList<>();
		cells.add(HEADER);
		for (WindowCounts counts : windows) {
			cells.add(List.of(counts.window(), n(counts.sent()), n(counts.accepted()), n(counts.notAccepted()),
					n(counts.inTopic()), n(counts.projected()), n(counts.missing()), n(counts.idCopies()),
					n(counts.doubled()), n(counts.wrongState()), n(counts.documentMismatch())));
		}
		int[] widths = new int[HEADER.size()];
		for (List<String> row : cells) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder table = new StringBuilder();
		appendRow(table, cells.get(0), widths);
		List<String> rule = new ArrayList<>();
		for (int width : widths) {
			rule.add("-".repeat(width));
		}
		appendRow(table, rule, widths);
		for (List<String> row : cells.subList(1, cells.size())) {
			appendRow(table, row, widths);
		}
		return table.toString();
	}

	private static void appendRow(StringBuilder table, List<String> row, int[] widths) {
		table.append('|');
		for (int i = 0; i < row.size(); i++) {
			String format = (i == 0) ? " %-" + widths[i] + "s |" : " %" + widths[i] + "s |";
			table.append(String.format(format, row.get(i)));
		}
		table.append('\n');
	}

	private static String n(long value) {
		return Long.toString(value);
	}

}
